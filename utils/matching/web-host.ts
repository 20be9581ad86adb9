import { normalizeLookupHost } from './host-index';

/** The http(s) host of a URL typed or received as text, or null. */
export function webHost(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return normalizeLookupHost(parsed.hostname);
  } catch {
    return null;
  }
}
