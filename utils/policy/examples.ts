// The example a type error shows, chosen by where the error is: a timetable field gets a
// timetable, a school name a school name (#14: every "wrong type" message used to suggest
// shopping domains, whatever the field held).

type Segment = PropertyKey;

const HOSTS = '["taobao.com", "jd.com"]';

/** A JSON example of a valid value at `path` (a policy path as zod gives it). */
export function exampleForPath(path: readonly Segment[]): string {
  const keys = path.filter((s): s is string => typeof s === 'string');
  const last = path[path.length - 1];
  const item = typeof last === 'number'; // the error is on one entry of a list
  const has = (k: string) => keys.includes(k);
  const field = keys[keys.length - 1] ?? '';
  if (has('weekly')) return item ? '"07:30-11:30"' : '["07:30-11:30", "13:30-17:30"]';
  if (has('holidays')) return item ? '"2026-12-31"' : '["2026-12-31", "2027-01-20..2027-02-24"]';
  if (has('workdays')) {
    if (field === 'date') return '"2026-12-26"';
    if (field === 'as') return '"mon"';
    return item ? '{ "date": "2026-12-26", "as": "mon" }' : '[{ "date": "2026-12-26", "as": "mon" }]';
  }
  if (field === 'urlKeywords') return item ? '"hongbao"' : '["hongbao", "lottery"]';
  if (field === 'allow') return item ? '"smartedu.cn"' : '["smartedu.cn", "mp.weixin.qq.com"]';
  if (field === 'add' || field === 'remove' || field === 'domains') return item ? '"taobao.com"' : HOSTS;
  if (field === 'zh_CN') return '"炒股"';
  if (field === 'en') return '"Stock trading"';
  if (field === 'id') return '"stocks"';
  if (field === 'schoolName') return '"北票市第七初级中学"';
  if (field === 'message') return '"工作时间请勿浏览与工作无关的网页。"';
  if (field === 'customCategories') {
    const one = '{ "id": "stocks", "name": { "zh_CN": "炒股" }, "mode": "log", "domains": ["eastmoney.com"] }';
    return item ? one : `[${one}]`;
  }
  return item ? '"…"' : '[…]';
}
