import { useEffect, useState } from 'preact/hooks';
import { errorText } from '@/utils/ui/format';

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; message: string };

/**
 * Runs one request once per mount (a fresh `load` closure each render must not resend it).
 * The request starts during the first render, not in the effect: Preact runs effects after
 * the next frame, and the popup should not wait a frame before it even asks.
 */
export function useOnce<T>(load: () => Promise<T>): Loaded<T> {
  // Settled into a Loaded at once, so a failure is handled even before the effect subscribes.
  const [request] = useState(() =>
    load().then(
      (value): Loaded<T> => ({ state: 'ok', value }),
      (e: unknown): Loaded<T> => ({ state: 'error', message: errorText(e) }),
    ),
  );
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    void request.then((settled) => live && setResult(settled));
    return () => {
      live = false;
    };
  }, []);
  return result;
}
