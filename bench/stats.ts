// Timing helpers shared by the bench files: medians of repeated runs, interleaved so that a
// noisy neighbour (the machine is shared, 2 cores) hits every variant alike, and heap deltas
// measured after a full GC.
import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function minMax(values: readonly number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}

export const now = (): number => performance.now();

/** Full GC; the bench refuses to report heap figures without it (run node with --expose-gc). */
export function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('bench: global.gc missing; run node with --expose-gc (npm run bench does)');
  gc();
  gc();
}

export function heapUsedAfterGc(): number {
  fullGc();
  return process.memoryUsage().heapUsed;
}

/**
 * Heap retained by what `make` returns: heapUsed after GC with the result alive, minus
 * heapUsed after GC before it was made. The result is returned so the caller keeps it alive.
 */
export function retainedHeap<T>(make: () => T): { value: T; bytes: number; ms: number } {
  const before = heapUsedAfterGc();
  const start = now();
  const value = make();
  const ms = now() - start;
  const bytes = heapUsedAfterGc() - before;
  return { value, bytes, ms };
}

export interface Variant {
  name: string;
  /**
   * One timed run: does its own work and returns how many operations it did and how long
   * they took (ms), so each variant can size its run (a slow baseline runs fewer lookups).
   */
  run: () => { ops: number; ms: number };
}

export interface VariantResult {
  name: string;
  /** ms per operation of each run, in run order. */
  msPerOp: number[];
  opsPerSecond: number[];
  medianOpsPerSecond: number;
  medianMsPerOp: number;
}

/**
 * Runs every variant `rounds` times, round by round; within a round the order rotates so no
 * variant always runs first (after a GC) or last. One untimed warm-up round first.
 */
export function interleaved(variants: readonly Variant[], rounds: number, warmup = 1): VariantResult[] {
  const perOp: number[][] = variants.map(() => []);
  for (let round = -warmup; round < rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (k + Math.max(round, 0)) % variants.length;
      fullGc();
      const { ops, ms } = variants[i]!.run();
      if (round >= 0) perOp[i]!.push(ms / ops);
    }
  }
  return variants.map((v, i) => {
    const msPerOp = perOp[i]!;
    const opsPerSecond = msPerOp.map((m) => 1000 / m);
    return { name: v.name, msPerOp, opsPerSecond, medianOpsPerSecond: median(opsPerSecond), medianMsPerOp: median(msPerOp) };
  });
}

/** Repeats a timed stage and returns all durations (ms) and their median. */
export function repeat(times: number, stage: () => void): { ms: number[]; median: number } {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    fullGc();
    const start = now();
    stage();
    ms.push(now() - start);
  }
  return { ms, median: median(ms) };
}

/** A small deterministic PRNG (mulberry32), so every run draws the same samples. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const fmt = {
  int: (n: number): string => Math.round(n).toLocaleString('en-US'),
  mops: (n: number): string => `${(n / 1e6).toFixed(2)} M/s`,
  perSec: (n: number): string =>
    n >= 1e6 ? `${(n / 1e6).toFixed(2)} M/s` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k/s` : `${n.toFixed(1)} /s`,
  ms: (n: number): string => (n >= 100 ? `${n.toFixed(0)} ms` : n >= 1 ? `${n.toFixed(1)} ms` : `${n.toFixed(3)} ms`),
  us: (ms: number): string => `${(ms * 1000).toFixed(ms * 1000 >= 100 ? 0 : 2)} µs`,
  mb: (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`,
  kb: (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`,
  ratio: (n: number): string => (n >= 100 ? `${n.toFixed(0)}×` : `${n.toFixed(1)}×`),
};
