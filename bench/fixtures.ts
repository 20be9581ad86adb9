// Things two bench files set up the same way: the off-work timetable, the control extension and
// a copy of the build under another key (a second extension id, as a school's own package has).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newSigningKeyPem, publicKeyBase64 } from '../scripts/package/key';
import { chromeIdFromPublicKey } from '../scripts/policy-kit/key-id';
import { CHROME_BUILD } from '../tests/e2e/support/constants';
import { WEEKDAYS } from '../utils/policy/constants';

/**
 * Off work whatever the clock says: one period, 09:00–17:00 three days from today in
 * Asia/Shanghai, so a next work period (and its boundary alarm) exists but is days away.
 */
export function offWorkSchedule(): Record<string, string[]> {
  const today = new Date().toLocaleDateString('en-US', { timeZone: 'Asia/Shanghai', weekday: 'short' }).toLowerCase().slice(0, 3);
  const at = WEEKDAYS.indexOf(today as (typeof WEEKDAYS)[number]);
  if (at < 0) throw new Error(`bench: weekday ${today}?`);
  return Object.fromEntries(WEEKDAYS.map((d, i) => [d, i === (at + 3) % 7 ? ['09:00-17:00'] : []]));
}

/** The listeners Qingfeng's Chromium build registers at the top of its worker (entrypoints/background/index.ts). */
export const CHROMIUM_LISTENERS = [
  'runtime.onInstalled', 'runtime.onStartup', 'runtime.onMessage', 'storage.onChanged', 'alarms.onAlarm', 'idle.onStateChanged',
  'tabs.onActivated', 'tabs.onRemoved', 'webNavigation.onBeforeNavigate', 'webNavigation.onCommitted',
  'webNavigation.onErrorOccurred', 'webNavigation.onHistoryStateUpdated', 'webNavigation.onReferenceFragmentUpdated', 'windows.onFocusChanged',
];

/**
 * A control for the page-load figure: an extension with Qingfeng's permissions and host
 * permissions (read from the build's manifest) and an empty service worker, no listeners, no
 * rules. What it costs is what Chromium charges any such extension; what Qingfeng costs
 * beyond it is Qingfeng's own. The caller removes the returned folder.
 */
export function writeControlExtension(listeners: readonly string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'qingfeng-bench-control-'));
  const built = JSON.parse(readFileSync(join(CHROME_BUILD, 'manifest.json'), 'utf8')) as { permissions?: string[]; host_permissions?: string[] };
  const manifest = {
    manifest_version: 3,
    name: 'bench control',
    version: '1.0',
    permissions: built.permissions ?? [],
    host_permissions: built.host_permissions ?? [],
    background: { service_worker: 'background.js' },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  // With `listeners`, each registered and doing nothing: what Chromium charges a navigation for
  // dispatching its events to a worker, before the worker does anything with them.
  writeFileSync(join(dir, 'background.js'), listeners.length ? listeners.map((l) => `chrome.${l}.addListener(() => {});`).join('\n') : '// intentionally empty\n');
  return dir;
}

/**
 * The production build (or another build in `from`) copied with only the manifest's `key` changed (a fresh key), so it runs
 * under its own extension id beside the original and a policy file can address each apart.
 * This is what `npm run package` does for a school's key. The caller removes `dir`.
 */
export function writeRekeyedBuild(from: string = CHROME_BUILD): { dir: string; id: string } {
  const dir = mkdtempSync(join(tmpdir(), 'qingfeng-bench-rekeyed-'));
  cpSync(from, dir, { recursive: true });
  const key = publicKeyBase64(newSigningKeyPem());
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, key }));
  return { dir, id: chromeIdFromPublicKey(key) };
}
