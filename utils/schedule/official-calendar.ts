// The State Council holiday calendar, and the only place that knows where it comes from.
//
// The data is the `chinese-days` package's own JSON. Importing the JSON instead of the
// package's API keeps the lunar-calendar and solar-term code out of the extension bundle
// (the package has no `exports` map, so the deep path is allowed for Vite and Node alike).
// Keys are 'YYYY-MM-DD'; values read "English name,中文名,sequence".
import chineseDays from 'chinese-days/dist/chinese-days.json';

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

const data: CalendarData = chineseDays;

/** Years the package has published notices for; a year without holidays has no notice yet. */
const yearsWithData: ReadonlySet<number> = new Set(
  Object.keys(data.holidays).map((dayKey) => Number(dayKey.slice(0, 4))),
);

function toOfficialDay(kind: OfficialDay['kind'], raw: string): OfficialDay {
  const [nameEn = '', name = ''] = raw.split(',');
  return { kind, name: name || nameEn, nameEn: nameEn || name };
}

/** What the official calendar says about one local day ('YYYY-MM-DD'), or null for an ordinary day. */
export function officialDay(dayKey: string): OfficialDay | null {
  const holiday = data.holidays[dayKey];
  if (holiday !== undefined) return toOfficialDay('holiday', holiday);
  const makeup = data.workdays[dayKey];
  if (makeup !== undefined) return toOfficialDay('makeup', makeup);
  return null;
}

/** Whether the package knows the official holidays of `year` (false until the notice is out and the package updated). */
export function hasOfficialData(year: number): boolean {
  return yearsWithData.has(year);
}

/** The last year the built-in data covers (the package is updated when a new notice is out). */
export function lastOfficialDataYear(): number {
  return Math.max(...yearsWithData);
}
