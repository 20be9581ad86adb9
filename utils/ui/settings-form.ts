// The options page's settings form: the effective configuration as editable text, and the
// teacher's own settings (a Policy-shaped object) built back from it. Pure; the background
// validates what is saved with the policy schema and answers with paths and message keys.
import type { SettingKey } from '../policy/resolve';
import { type Policy, type ResolvedPolicy } from '../policy/schema';
import { CATEGORY_IDS, WEEKDAYS, type CategoryId, type Mode, type Weekday } from '../policy/constants';

/** The teacher's own block list travels as a custom category with this id. */
export const MINE_ID = 'mine';

export interface SettingsForm {
  /** "07:30-11:30, 13:30-17:30" per weekday. */
  weekly: Record<Weekday, string>;
  officialCalendar: 'cn' | 'none';
  /** Days or ranges, one per line or separated by commas. */
  holidays: string;
  modes: Record<CategoryId, Mode>;
  allow: string;
  /** Hosts the teacher blocks for themself. */
  mine: string;
}

/**
 * Periods as a teacher types them on a Chinese keyboard: full-width colons and commas, an
 * en or em dash or a tilde between the times, stray spaces. Anything else stays as typed,
 * so the schema's error names the entry.
 */
export function parsePeriods(text: string): string[] {
  return text
    .split(/[,，、;；\n]+/)
    .map((p) => p.replace(/\s+/g, '').replace(/：/g, ':').replace(/[－–—~～]/g, '-'))
    .filter((p) => p !== '');
}

export function formatPeriods(periods: readonly string[]): string {
  return periods.join(', ');
}

/** Hosts or dates separated by spaces, line breaks or (full-width) commas. */
export function parseList(text: string): string[] {
  return text.split(/[\s,，、;；]+/).filter((x) => x !== '');
}

export function formatList(items: readonly string[]): string {
  return items.join('\n');
}

export function formFromConfig(values: ResolvedPolicy): SettingsForm {
  return {
    weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, formatPeriods(values.schedule.weekly[d])])) as Record<Weekday, string>,
    officialCalendar: values.schedule.officialCalendar,
    holidays: formatList(values.schedule.holidays),
    modes: Object.fromEntries(CATEGORY_IDS.map((id) => [id, values.categories[id].mode])) as Record<CategoryId, Mode>,
    allow: formatList(values.allow),
    mine: formatList(values.customCategories.find((c) => c.id === MINE_ID)?.domains ?? []),
  };
}

/**
 * The teacher's settings after an edit. A key is written only when the teacher had set it
 * before or changed it now, so saving an untouched form leaves defaults as defaults (the
 * options page shows each key's source). Locked keys keep whatever the teacher had stored:
 * the policy decides them, and the form cannot change them.
 */
export function buildTeacherSettings(
  teacher: Policy | null,
  form: SettingsForm,
  initial: SettingsForm,
  locked: readonly SettingKey[],
  mineName: { zh_CN: string; en?: string },
): Policy {
  const out: Policy = structuredClone(teacher ?? {});
  const open = (key: SettingKey) => !locked.includes(key);

  const scheduleChanged =
    WEEKDAYS.some((d) => form.weekly[d] !== initial.weekly[d]) ||
    form.officialCalendar !== initial.officialCalendar ||
    form.holidays !== initial.holidays;
  if (open('schedule') && (teacher?.schedule !== undefined || scheduleChanged)) {
    out.schedule = {
      ...teacher?.schedule,
      weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, parsePeriods(form.weekly[d])])) as Record<Weekday, string[]>,
      officialCalendar: form.officialCalendar,
      holidays: parseList(form.holidays),
    };
  }

  for (const id of CATEGORY_IDS) {
    const had = teacher?.categories?.[id];
    if (!open(`categories.${id}`) || (had === undefined && form.modes[id] === initial.modes[id])) continue;
    out.categories = { ...out.categories, [id]: { ...had, mode: form.modes[id] } };
  }

  if (open('allow') && (teacher?.allow !== undefined || form.allow !== initial.allow)) out.allow = parseList(form.allow);

  if (open('customCategories') && (teacher?.customCategories !== undefined || form.mine !== initial.mine)) {
    const others = (teacher?.customCategories ?? []).filter((c) => c.id !== MINE_ID);
    const domains = parseList(form.mine);
    out.customCategories =
      domains.length > 0 ? [...others, { id: MINE_ID, name: mineName, mode: 'block', domains, urlKeywords: [] }] : others;
  }
  return out;
}
