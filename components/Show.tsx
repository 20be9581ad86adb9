import type { ComponentChild } from 'preact';
import { useT } from './i18n';
import type { Loaded } from './use-once';

/** The loaded value's view, or the loading line, or the failure. */
export function Show<T>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => ComponentChild }) {
  const t = useT();
  if (loaded.state === 'ok') return <>{children(loaded.value)}</>;
  if (loaded.state === 'error') return <p class="warning" role="alert">{t('loadFailed', [loaded.message])}</p>;
  return <p class="muted">{t('loading')}</p>;
}
