// The machine and versions a RESULTS.md was measured with.
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

function installedVersion(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

export function machine(): string[] {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpuModel = m[1]!.trim();
  } catch {
    /* not Linux: os.cpus() is the fallback */
  }
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const wanted = ['zod', 'tldts-icann', 'dexie', 'preact', 'chinese-days', 'webextension-polyfill', 'wxt', 'vite', 'tsx', 'typescript'];
  const declared = { ...pkg.devDependencies, ...pkg.dependencies };
  return [
    `CPU: ${cpuModel}, ${cpus().length} cores; memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `Load average at start (1/5/15 min): ${loadavg().map((l) => l.toFixed(2)).join(' / ')} — the machine is shared with real-browser tests`,
    `Node ${process.version} (V8 ${process.versions.v8}), ${process.platform} ${process.arch}`,
    `Packages (installed, declared): ${wanted.map((p) => `${p} ${installedVersion(p)}${declared[p] ? ` (${declared[p]})` : ''}`).join(', ')}`,
  ];
}
