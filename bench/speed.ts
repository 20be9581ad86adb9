// How fast this machine is right now, on two fixed workloads: run by bench/run.ts at the start
// and at the end of `npm run bench`, so RESULTS.md says how fast the (shared) machine was while
// it measured. Same code, other runs: 1 December 2026 the same rows moved 2x within three hours.
// Prints one JSON line: { cpuMs, heapMs }.
import { median } from './stats';

declare const gc: (() => void) | undefined;

/** Arithmetic only, no allocation: 2 M characters through a 32-bit hash, 5 times. */
function cpu(): number {
  const text = 'taobao.com.jd.com.pinduoduo.com.'.repeat(62_500);
  const times: number[] = [];
  let h = 0;
  for (let run = 0; run < 6; run++) {
    const t = performance.now();
    h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    if (run > 0) times.push(performance.now() - t);
  }
  if (h === 42) console.error(''); // keep the loop
  return median(times);
}

/** Large heaps: a 113k-host policy as text, parsed, cloned and put in a Set, as a policy apply handles it. */
function heap(): number {
  const hosts = Array.from({ length: 113_000 }, (_, i) => `d${(i * 7919) % 1_000_003}-site.example${i % 97}.com`);
  const times: number[] = [];
  for (let run = 0; run < 6; run++) {
    gc?.();
    const t = performance.now();
    const text = JSON.stringify({ categories: { shopping: { add: hosts } } });
    const parsed = JSON.parse(text) as { categories: { shopping: { add: string[] } } };
    const copy = structuredClone(parsed);
    const set = new Set(copy.categories.shopping.add.map((host) => host.toUpperCase().toLowerCase()));
    if (run > 0) times.push(performance.now() - t);
    if (set.size === 0) console.error('');
  }
  return median(times);
}

console.log(JSON.stringify({ cpuMs: cpu(), heapMs: heap() }));
