import type { ComponentChild } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from './i18n';

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; message: string };

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Runs one request once per mount (a fresh `load` closure each render must not resend it). */
export function useOnce<T>(load: () => Promise<T>): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setResult({ state: 'ok', value }),
      (e: unknown) => live && setResult({ state: 'error', message: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return result;
}

/** The loaded value's view, or the loading line, or the failure. */
export function Show<T>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => ComponentChild }) {
  const t = useT();
  if (loaded.state === 'ok') return <>{children(loaded.value)}</>;
  if (loaded.state === 'error') return <p class="warning" role="alert">{t('loadFailed', [loaded.message])}</p>;
  return <p class="muted">{t('loading')}</p>;
}
