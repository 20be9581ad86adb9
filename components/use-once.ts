import { useLayoutEffect, useState } from 'preact/hooks';
import { errorText } from '@/utils/ui/format';

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; message: string };

/**
 * Runs one request once per mount (a fresh `load` closure each render must not resend it).
 * The request starts during the first render, not in an effect: Preact runs effects after the
 * next frame, and the popup should not wait a frame before it even asks. Its answer is taken
 * up in a layout effect, which runs as the first render is committed, before the browser
 * paints (issue 16): an answer already in (the popup's early request, when the background is
 * quicker than the page's modules) is drawn in the first frame; with useEffect it waited for
 * a frame and a task after the first paint. A later answer is drawn as it comes, either way.
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
  useLayoutEffect(() => {
    let live = true;
    void request.then((settled) => live && setResult(settled));
    return () => {
      live = false;
    };
  }, []);
  return result;
}
