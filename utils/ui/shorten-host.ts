/**
 * A host as shown on a page (#18): whole up to `max` characters, else its start, "…" and its
 * end (the end names the site: `aaaa…aaaa.taobao.com`). Hosts are data of any length (a
 * crafted link carries 100,000 characters); cutting here keeps a line of text a line.
 */
export function shortenHost(host: string, max = 64): string {
  const chars = Array.from(host);
  if (chars.length <= max) return host;
  const head = Math.floor((max - 1) / 3);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (max - 1 - head)).join('')}`;
}
