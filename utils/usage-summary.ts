import type { CategoryTotal } from './messages';
import type { UsageRow } from './usage-types';

/** Totals per category, in first-seen order (rows come sorted by host, so stable). */
export function totalsByCategory(rows: readonly UsageRow[]): CategoryTotal[] {
  const totals = new Map<string, CategoryTotal>();
  for (const row of rows) {
    const t = totals.get(row.category) ?? { category: row.category, workSeconds: 0, visits: 0, blocked: 0, unlocks: 0 };
    t.workSeconds += row.workSeconds;
    t.visits += row.visits;
    t.blocked += row.blocked;
    t.unlocks += row.unlocks;
    totals.set(row.category, t);
  }
  return [...totals.values()];
}
