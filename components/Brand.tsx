import type { ComponentChildren } from 'preact';
import { iconPath } from '@/utils/ui/icons';
import { useT } from './i18n';

/** The line that opens the popup and the block page (#18): Qingfeng's icon and name, then the school. */
export function Brand({ children }: { children?: ComponentChildren }) {
  const t = useT();
  return (
    <p class="brand">
      <img class="brand__icon" src={`/${iconPath('on', 32)}`} alt="" aria-hidden="true" width={24} height={24} />
      <span class="brand__name">{t('brandName')}</span>
      {children}
    </p>
  );
}
