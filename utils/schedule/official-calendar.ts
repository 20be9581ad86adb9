// The State Council holiday calendar, and the only place that knows where it comes from.
//
// The data is the `chinese-days` package's own JSON. Importing the JSON instead of the
// package's API keeps the lunar-calendar and solar-term code out of the extension bundle
// (the package has no `exports` map, so the deep path is allowed for Vite and Node alike).
// Keys are 'YYYY-MM-DD'; values read "English name,中文名,sequence".
//
// Imported as its text and parsed at the first question (issue 16): a JSON import is parsed
// where the bundle starts, and the background's bundle starts at every worker wake, most of
// which never ask (the work span is kept between wakes). Parsing it and listing its years was
// ~0.7 ms of each cold wake in a profile of the unminified build.
import chineseDaysText from 'chinese-days/dist/chinese-days.json?raw';

export interface OfficialDay {
  /** 'holiday': a public holiday, off; 'makeup': a make-up working day (调休), on. */
  kind: 'holiday' | 'makeup';
  /** Chinese name of the holiday the day belongs to, e.g. '国庆节'. */
  name: string;
  /** English name, e.g. 'National Day', for the English UI. */
  nameEn: string;
}

interface CalendarData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let parsed: { data: CalendarData; yearsWithData: ReadonlySet<number> } | null = null;

/** The table, parsed once, and the years the package has published notices for (a year without holidays has no notice yet). */
function calendar(): { data: CalendarData; yearsWithData: ReadonlySet<number> } {
  if (parsed === null) {
    const data = JSON.parse(chineseDaysText) as CalendarData;
    parsed = { data, yearsWithData: new Set(Object.keys(data.holidays).map((dayKey) => Number(dayKey.slice(0, 4)))) };
  }
  return parsed;
}

function toOfficialDay(kind: OfficialDay['kind'], raw: string): OfficialDay {
  const [nameEn = '', name = ''] = raw.split(',');
  return { kind, name: name || nameEn, nameEn: nameEn || name };
}

/** What the official calendar says about one local day ('YYYY-MM-DD'), or null for an ordinary day. */
export function officialDay(dayKey: string): OfficialDay | null {
  const { data } = calendar();
  const holiday = data.holidays[dayKey];
  if (holiday !== undefined) return toOfficialDay('holiday', holiday);
  const makeup = data.workdays[dayKey];
  if (makeup !== undefined) return toOfficialDay('makeup', makeup);
  return null;
}

/** Whether the package knows the official holidays of `year` (false until the notice is out and the package updated). */
export function hasOfficialData(year: number): boolean {
  return calendar().yearsWithData.has(year);
}

/** The last year the built-in data covers (the package is updated when a new notice is out). */
export function lastOfficialDataYear(): number {
  return Math.max(...calendar().yearsWithData);
}
