// The usage CSV the options page exports: what a teacher opens in Excel or WPS.
// - UTF-8 with a BOM, or Excel reads the Chinese headers as mojibake.
// - CRLF line ends and RFC 4180 quoting (a field with a comma, quote or line break is
//   quoted, quotes doubled).
// - Formula injection: a host or category name is text from a policy or a tally; a cell that
//   starts with = + - @ (or a tab / CR, which Excel also strips before evaluating) is
//   prefixed with an apostrophe so a spreadsheet shows it rather than runs it.
import { OTHER, type UsageRow } from '../tallies/types';

const BOM = '\ufeff';
const CRLF = '\r\n';

/** A text cell, guarded against formulas, quoted when RFC 4180 needs it. */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function csvLine(cells: (string | number)[]): string {
  return cells.map(csvCell).join(',');
}

/** Minutes with one decimal: per-row rounding to whole minutes would lose short visits. */
export function csvMinutes(workSeconds: number): number {
  return Math.round(workSeconds / 6) / 10;
}

/**
 * One line per usage row: day, host, category name, work minutes, visits, blocked, unlocks.
 * `headers` are the seven column titles in the UI language; `categoryName` turns a category
 * id (and the '(other)' host) into its localised name.
 */
export function buildUsageCsv(rows: UsageRow[], headers: string[], categoryName: (id: string) => string): string {
  const lines = [csvLine(headers)];
  for (const row of rows) {
    const host = row.host === OTHER ? categoryName(OTHER) : row.host;
    lines.push(csvLine([row.day, host, categoryName(row.category), csvMinutes(row.workSeconds), row.visits, row.blocked, row.unlocks]));
  }
  return BOM + lines.join(CRLF) + CRLF;
}
