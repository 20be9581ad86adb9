/** Whether `host` is `entry` or below it, by whole labels (`a.taobao.com` under `taobao.com`, never `nottaobao.com`). */
export function isUnder(host: string, entry: string): boolean {
  return host === entry || host.endsWith(`.${entry}`);
}
