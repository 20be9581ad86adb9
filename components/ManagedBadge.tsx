import { useT } from './i18n';

/** Marks a setting the administrator's policy decides: text, not colour alone. */
export function ManagedBadge() {
  const t = useT();
  return <span class="badge badge--managed">{t('managedBadge')}</span>;
}
