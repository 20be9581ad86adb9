import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { normalizeHostEntry } from '../../../utils/matching/host';
import { DEFAULTS, parsePolicy, type Policy } from '../../../utils/policy/schema';
import { CATEGORY_IDS, WEEKDAYS } from '../../../utils/policy/constants';
import designExample from '../support/fixtures/design-example-policy.json';
import { INVALID_CASES } from '../support/fixtures/policy-cases';

function parsed(input: unknown): Policy {
  const r = parsePolicy(input);
  if (!r.ok) throw new Error(`expected a valid policy, got ${JSON.stringify(r.errors)}`);
  return r.policy;
}

describe('valid policies', () => {
  test('the example policy of docs/design.md parses unchanged', () => {
    expect(parsePolicy(designExample)).toEqual({ ok: true, policy: designExample });
  });

  test('an empty policy sets nothing (defaults are merged later, so managed keys stay visible)', () => {
    expect(parsePolicy({})).toEqual({ ok: true, policy: {} });
  });

  test.each<[string, unknown, Policy]>([
    ['schoolName trimmed', { schoolName: '  北票七中 ' }, { schoolName: '北票七中' }],
    ['schoolName at its limit', { schoolName: '校'.repeat(100) }, { schoolName: '校'.repeat(100) }],
    ['message', { message: '工作时间请勿浏览与工作无关的网页。' }, { message: '工作时间请勿浏览与工作无关的网页。' }],
    ['one weekday', { schedule: { weekly: { sat: ['08:00-12:00'] } } }, { schedule: { weekly: { sat: ['08:00-12:00'] } } }],
    ['a day off', { schedule: { weekly: { mon: [] } } }, { schedule: { weekly: { mon: [] } } }],
    ['periods sorted', { schedule: { weekly: { mon: ['13:30-17:30', '07:30-11:30'] } } }, { schedule: { weekly: { mon: ['07:30-11:30', '13:30-17:30'] } } }],
    ['adjacent periods do not overlap', { schedule: { weekly: { mon: ['07:30-11:30', '11:30-12:00'] } } }, { schedule: { weekly: { mon: ['07:30-11:30', '11:30-12:00'] } } }],
    ['24:00 as an end', { schedule: { weekly: { sun: ['00:00-24:00'] } } }, { schedule: { weekly: { sun: ['00:00-24:00'] } } }],
    ['officialCalendar none', { schedule: { officialCalendar: 'none' } }, { schedule: { officialCalendar: 'none' } }],
    ['holidays: days and ranges', { schedule: { holidays: ['2026-12-31', '2027-01-20..2027-02-24', '2028-02-29', '2027-03-01..2027-03-01'] } }, { schedule: { holidays: ['2026-12-31', '2027-01-20..2027-02-24', '2028-02-29', '2027-03-01..2027-03-01'] } }],
    ['workdays', { schedule: { workdays: [{ date: '2026-12-26', as: 'mon' }, { date: '2027-02-27', as: 'fri' }] } }, { schedule: { workdays: [{ date: '2026-12-26', as: 'mon' }, { date: '2027-02-27', as: 'fri' }] } }],
    ['every mode', { categories: { shopping: { mode: 'off' }, video: { mode: 'block' }, lottery: { mode: 'log' } } }, { categories: { shopping: { mode: 'off' }, video: { mode: 'block' }, lottery: { mode: 'log' } } }],
    ['hosts normalised and deduplicated', { categories: { video: { add: ['TAOBAO.COM.', 'www.jd.com', 'jd.com', '淘宝.cn'], remove: ['www.bilibili.com'] } } }, { categories: { video: { add: ['taobao.com', 'jd.com', 'xn--pbt173b.cn'], remove: ['bilibili.com'] } } }],
    ['allow: shared-domain hosts stay as written', { allow: ['mp.weixin.qq.com', 'smartedu.cn', '10.1.2.3'] }, { allow: ['mp.weixin.qq.com', 'smartedu.cn', '10.1.2.3'] }],
    ['custom category: lists default to empty, en optional', { customCategories: [{ id: 'stocks', name: { zh_CN: '炒股' }, mode: 'log' }] }, { customCategories: [{ id: 'stocks', name: { zh_CN: '炒股' }, mode: 'log', domains: [], urlKeywords: [] }] }],
    ['custom category: keywords trimmed, lower-cased, deduplicated', { customCategories: [{ id: 'hb2', name: { zh_CN: '红包', en: 'Red packets' }, mode: 'block', domains: ['WWW.Example.CN'], urlKeywords: [' HongBao ', 'hongbao', 'lucky-money'] }] }, { customCategories: [{ id: 'hb2', name: { zh_CN: '红包', en: 'Red packets' }, mode: 'block', domains: ['example.cn'], urlKeywords: ['hongbao', 'lucky-money'] }] }],
    ['custom id, 32 characters', { customCategories: [{ id: `a${'B1'.repeat(15)}c`, name: { zh_CN: '长' }, mode: 'off' }] }, { customCategories: [{ id: `a${'B1'.repeat(15)}c`, name: { zh_CN: '长' }, mode: 'off', domains: [], urlKeywords: [] }] }],
    ['unlock bounds', { unlock: { enabled: false, minutes: 120, maxPerDay: 0 } }, { unlock: { enabled: false, minutes: 120, maxPerDay: 0 } }],
    ['unlock lower bounds', { unlock: { minutes: 1, maxPerDay: 20 } }, { unlock: { minutes: 1, maxPerDay: 20 } }],
    ['retentionDays bounds', { retentionDays: 3650 }, { retentionDays: 3650 }],
    ['retentionDays 1', { retentionDays: 1 }, { retentionDays: 1 }],
    ['booleans', { recordOtherHosts: true, lockSettings: false }, { recordOtherHosts: true, lockSettings: false }],
  ])('%s', (_name, input, policy) => {
    expect(parsePolicy(input)).toEqual({ ok: true, policy });
  });
});

describe('invalid policies: every error with its path and message key', () => {
  test.each(INVALID_CASES)('%s', (_name, input, errors) => {
    expect(parsePolicy(input)).toEqual({ ok: false, errors });
  });

  test('all errors are reported at once, not only the first', () => {
    const r = parsePolicy({ schedual: {}, retentionDays: 0, allow: ['*.qq.com', 'com'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path).sort()).toEqual(['allow[0]', 'allow[1]', 'retentionDays', 'schedual']);
  });
});

describe('normalisation, as the admin writes hosts', () => {
  test.each([
    ['TAOBAO.COM.', 'taobao.com'],
    ['www.jd.com', 'jd.com'],
    ['淘宝.cn', 'xn--pbt173b.cn'],
  ])('%s → %s', (input, host) => {
    expect(parsed({ allow: [input] }).allow).toEqual([host]);
  });

  test.each([
    ['https://www.taobao.com/x', 'policyErrHostUrl'],
    ['*.taobao.com', 'policyErrHostWildcard'],
  ])('%s is an error suggesting taobao.com', (input, key) => {
    expect(parsePolicy({ allow: [input] })).toEqual({ ok: false, errors: [{ path: 'allow[0]', key, args: [input, 'taobao.com'] }] });
  });
});

describe('DEFAULTS', () => {
  test('match docs/design.md', () => {
    const workday = ['07:30-11:30', '13:30-17:30'];
    expect(DEFAULTS.schedule.weekly).toEqual({ mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: [], sun: [] });
    expect(DEFAULTS.schedule).toMatchObject({ officialCalendar: 'cn', holidays: [], workdays: [] });
    expect(Object.fromEntries(CATEGORY_IDS.map((id) => [id, DEFAULTS.categories[id].mode]))).toEqual({
      shopping: 'block',
      games: 'block',
      redPacket: 'block',
      webChat: 'log',
      video: 'log',
      social: 'log',
      lottery: 'log',
    });
    expect(DEFAULTS.unlock).toEqual({ enabled: true, minutes: 10, maxPerDay: 3 });
    expect(DEFAULTS).toMatchObject({ recordOtherHosts: false, retentionDays: 180, lockSettings: true, allow: [], customCategories: [], schoolName: '', message: '' });
  });

  test('are themselves a valid policy that sets every key', () => {
    expect(parsePolicy(DEFAULTS)).toEqual({ ok: true, policy: DEFAULTS });
  });

  test('are frozen, so no module can change them for the others', () => {
    expect(Object.isFrozen(DEFAULTS.schedule.weekly.mon)).toBe(true);
    expect(() => (DEFAULTS.categories.games as { mode: string }).mode = 'off').toThrow();
  });
});

describe('properties', () => {
  test('parsePolicy never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.anything(), (x) => void parsePolicy(x)), { numRuns: 500 });
    fc.assert(fc.property(fc.jsonValue(), (x) => void parsePolicy(x)), { numRuns: 500 });
  });

  test('parsePolicy never throws on policy-shaped input with wrong values', () => {
    const keys = ['schoolName', 'schedule', 'categories', 'customCategories', 'allow', 'unlock', 'retentionDays', 'message'];
    const shaped = fc.dictionary(fc.constantFrom(...keys), fc.oneof(fc.anything(), fc.array(fc.anything()), fc.dictionary(fc.constantFrom(...WEEKDAYS, ...CATEGORY_IDS, 'add', 'weekly', 'holidays'), fc.anything())));
    fc.assert(
      fc.property(shaped, (x) => {
        const r = parsePolicy(x);
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  test('never throws on hostile objects', () => {
    const trap = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    const getter = Object.defineProperty({}, 'schoolName', { enumerable: true, get: () => { throw new Error('getter'); } });
    expect(parsePolicy(trap).ok).toBe(false);
    expect(parsePolicy(getter).ok).toBe(false);
  });

  // ---- A generator of valid policies ----
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const day = fc
    .uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 })
    .map((bounds) => {
      const b = [...bounds].sort((x, y) => x - y);
      const periods: string[] = [];
      for (let i = 0; i + 1 < b.length; i += 2) periods.push(`${hhmm(b[i] ?? 0)}-${hhmm(b[i + 1] ?? 0)}`);
      return periods;
    })
    .chain((periods) => fc.shuffledSubarray(periods, { minLength: periods.length }));
  const isoDay = (from: string, to: string) =>
    fc.date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const holiday = fc.oneof(isoDay('2020-01-01', '2030-12-31'), fc.tuple(isoDay('2020-01-01', '2030-12-31'), isoDay('2020-01-01', '2030-12-31')).map(([a, b]) => (a <= b ? `${a}..${b}` : `${b}..${a}`)));
  const host = fc
    .tuple(fc.domain(), fc.boolean(), fc.boolean())
    .map(([d, www, upper]) => `${www ? 'www.' : ''}${upper ? d.toUpperCase() : d}`)
    .filter((h) => normalizeHostEntry(h).ok);
  const hosts = fc.array(host, { maxLength: 5 });
  const mode = fc.constantFrom('block', 'log', 'off');
  const text = (max: number) => fc.string({ maxLength: max });
  const name = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '');
  const custom = fc.record(
    {
      id: fc.stringMatching(/^[a-z][a-zA-Z0-9]{1,31}$/).filter((id) => !(CATEGORY_IDS as readonly string[]).includes(id)),
      name: fc.record({ zh_CN: name, en: name }, { requiredKeys: ['zh_CN'] }),
      mode,
      domains: hosts,
      urlKeywords: fc.array(fc.stringMatching(/^[A-Za-z0-9._~-]{3,12}$/), { maxLength: 3 }),
    },
    { requiredKeys: ['id', 'name', 'mode'] },
  );
  const validPolicy = fc.record(
    {
      schoolName: text(100),
      schedule: fc.record(
        {
          weekly: fc.record(Object.fromEntries(WEEKDAYS.map((d) => [d, day])) as Record<(typeof WEEKDAYS)[number], typeof day>, { requiredKeys: [] }),
          officialCalendar: fc.constantFrom('cn', 'none'),
          holidays: fc.array(holiday, { maxLength: 4 }),
          // From 2031 on, so no workday falls in a holiday.
          workdays: fc.uniqueArray(fc.record({ date: isoDay('2031-01-01', '2035-12-31'), as: fc.constantFrom(...WEEKDAYS) }), { selector: (w) => w.date, maxLength: 3 }),
        },
        { requiredKeys: [] },
      ),
      categories: fc.record(Object.fromEntries(CATEGORY_IDS.map((id) => [id, fc.record({ mode, add: hosts, remove: hosts }, { requiredKeys: [] })])), { requiredKeys: [] }),
      customCategories: fc.uniqueArray(custom, { selector: (c) => c.id, maxLength: 3 }),
      allow: hosts,
      unlock: fc.record({ enabled: fc.boolean(), minutes: fc.integer({ min: 1, max: 120 }), maxPerDay: fc.integer({ min: 0, max: 20 }) }, { requiredKeys: [] }),
      recordOtherHosts: fc.boolean(),
      retentionDays: fc.integer({ min: 1, max: 3650 }),
      lockSettings: fc.boolean(),
      message: text(500),
    },
    { requiredKeys: [] },
  );

  test('every generated valid policy parses', () => {
    fc.assert(
      fc.property(validPolicy, (p) => {
        expect(parsePolicy(p)).toMatchObject({ ok: true });
      }),
      { numRuns: 300 },
    );
  });

  test('a parsed policy, through JSON and parsed again, is unchanged', () => {
    fc.assert(
      fc.property(validPolicy, (p) => {
        const once = parsed(p);
        expect(parsePolicy(JSON.parse(JSON.stringify(once)))).toEqual({ ok: true, policy: once });
      }),
      { numRuns: 300 },
    );
  });
});
