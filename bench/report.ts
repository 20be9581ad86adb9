// What every bench file hands back to bench/run.ts: rows of figures with their meaning, target
// and verdict, plus free-text notes. Plain data, so a bench file can run in its own process
// and send its section as JSON.

export type Status = 'pass' | 'short' | 'info' | 'not measured';

export interface Row {
  /** Issue 8 item number and a short name, e.g. "1 classify 188k". */
  id: string;
  /** What the figure is, in a few words. */
  figure: string;
  /** The target in words ("≥ 2 M lookups/s"), or '' when the row is context. */
  target: string;
  /** The measured median, formatted; '' when not measured. */
  measured: string;
  status: Status;
  /** Why it passes or falls short, or what the figure means, in one or two sentences. */
  why: string;
}

export interface Section {
  title: string;
  /** How the figures were taken (method), shown above the rows. */
  method: string[];
  rows: Row[];
  /** Extra tables or findings, Markdown. */
  notes: string[];
}

/** Marker line a bench child prints before its JSON section. */
export const SECTION_MARKER = '@@bench-section@@';

export function emit(section: Section): void {
  process.stdout.write(`\n${SECTION_MARKER}${JSON.stringify(section)}\n`);
}
