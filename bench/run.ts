// `npm run bench`: runs each measurement of issue 8 in its own Node process (so one bench's heap
// and JIT state do not colour another's), prints a table and writes bench/RESULTS.md.
// Run as `node --expose-gc --import tsx --import ./bench/raw-loader.mjs bench/run.ts`
// (the npm script): heap figures need global.gc, utils/matching/lists needs the `?raw` loader.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { machine } from './machine';
import { SECTION_MARKER, type Row, type Section } from './report';

const BENCHES = ['classify', 'policy-apply', 'size', 'browser', 'pageload', 'wake'];

function runBench(name: string): Section {
  const start = Date.now();
  process.stderr.write(`bench: ${name} …\n`);
  const r = spawnSync(process.execPath, [...process.execArgv, `bench/${name}.ts`], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith(SECTION_MARKER));
  process.stderr.write(`bench: ${name} done in ${((Date.now() - start) / 1000).toFixed(0)} s\n`);
  if (r.status !== 0 || line === undefined) {
    return {
      title: `${name}: the bench failed`,
      method: [],
      rows: [{ id: name, figure: `bench/${name}.ts`, target: '', measured: '', status: 'short', why: `exit ${r.status}; ${r.stdout.slice(-500)}` }],
      notes: [],
    };
  }
  return JSON.parse(line.slice(SECTION_MARKER.length)) as Section;
}

/** bench/speed.ts in a fresh process: how fast the machine is at this moment. */
function machineSpeed(when: string): string {
  const r = spawnSync(process.execPath, [...process.execArgv, 'bench/speed.ts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const { cpuMs, heapMs } = JSON.parse(r.stdout.trim()) as { cpuMs: number; heapMs: number };
    return `Machine speed ${when} (bench/speed.ts, median of 5): arithmetic ${cpuMs.toFixed(1)} ms, large heap ${heapMs.toFixed(0)} ms (larger figures, a slower machine: the browser and large-heap rows move with the second; on 1 December 2026 the same machine gave 10–17.5 and 80–135 ms within an hour)`;
  } catch {
    return `Machine speed ${when}: not measured (bench/speed.ts exit ${r.status})`;
  }
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const STATUS: Record<Row['status'], string> = { pass: 'PASS', short: 'SHORT', info: 'info', 'not measured': 'not measured' };

function main(): void {
  const started = new Date();
  const about = machine();
  const speedBefore = machineSpeed('at start');
  const sections = BENCHES.map(runBench);
  const speedAfter = machineSpeed('at end');
  const rows = sections.flatMap((s) => s.rows);

  // Console table.
  const width = (f: (r: Row) => string) => Math.max(...rows.map((r) => f(r).length));
  const w = [width((r) => r.id), width((r) => r.target), width((r) => r.measured), 12];
  console.log(['figure'.padEnd(w[0]!), 'target'.padEnd(w[1]!), 'measured (median)'.padEnd(w[2]!), 'verdict'].join('  '));
  for (const r of rows) console.log([r.id.padEnd(w[0]!), r.target.padEnd(w[1]!), r.measured.padEnd(w[2]!), STATUS[r.status]].join('  '));

  const md: string[] = [
    '# Qingfeng benchmark results (issue 8)',
    '',
    `Written by \`npm run bench\` on ${started.toISOString()} (took ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s). Regenerate rather than edit.`,
    '',
    ...about.map((l) => `- ${l}`),
    `- Load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`,
    `- ${speedBefore}`,
    `- ${speedAfter}`,
    '',
    'Every figure is a median of repeated runs on this machine; ratios are taken within the same round of the same run. PASS/SHORT compare the median with issue 8\'s target; "info" rows have no target of their own.',
    '',
    '## Summary',
    '',
    '| figure | what it means | target | measured (median) | verdict | why |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${cell(r.id)} | ${cell(r.figure)} | ${cell(r.target)} | ${cell(r.measured || '—')} | ${STATUS[r.status]} | ${cell(r.why)} |`),
    '',
  ];
  for (const s of sections) {
    md.push(`## ${s.title}`, '', ...s.method.map((m) => `- ${m}`), '', ...s.notes.flatMap((n) => [n, '']));
  }
  writeFileSync('bench/RESULTS.md', `${md.join('\n').trimEnd()}\n`);
  console.log('\nwrote bench/RESULTS.md');
}

main();
