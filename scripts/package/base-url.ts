// The school's folder URL for the packages: http(s), no query or fragment, ending in "/"
// (added when missing), so `new URL(file, base)` lands inside the folder.

export function normaliseBaseUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username || url.password) return undefined;
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}
