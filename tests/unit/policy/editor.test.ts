// #14: the pure parts of the policy editor and of the calendar notice — editing a draft one
// path at a time, which errors each field shows, the language the page picks, the example a
// type error shows, duplicates reported with the other errors, and who hears about a year
// without built-in holiday data.
import { describe, expect, test } from 'vitest';
import { editorLang, editorTranslate } from '../../../entrypoints/admin/editor-i18n';
import { adminCalendarGaps, calendarGapPolicyLines, policyListsYear, teacherCalendarGaps } from '../../../utils/schedule/calendar-gaps';
import { lastOfficialDataYear } from '../../../utils/schedule/official-calendar';
import { exampleForPath } from '../../../utils/policy/examples';
import { parsePolicy } from '../../../utils/policy/schema';
import type { PolicyError } from '../../../utils/policy/types';
import { errorsLeft, errorsUnder, getAt, linesToList, listToLines, numberFromInput, pathString, setAt } from '../../../utils/policy/draft';

const local = (s: string) => new Date(s.replace(' ', 'T')).getTime();

describe('editing a draft', () => {
  test('setAt writes a path, making the containers it needs', () => {
    expect(setAt({}, ['schedule', 'weekly', 'mon', 0], '07:30-11:30')).toEqual({ schedule: { weekly: { mon: ['07:30-11:30'] } } });
    expect(setAt({ allow: ['a.cn'] }, ['allow', 1], 'b.cn')).toEqual({ allow: ['a.cn', 'b.cn'] });
  });

  test('undefined removes the key and the objects it leaves empty, never the top level', () => {
    const d = { schoolName: 'x', categories: { video: { mode: 'block' } } };
    expect(setAt(d, ['categories', 'video', 'mode'], undefined)).toEqual({ schoolName: 'x' });
    expect(setAt({ schoolName: 'x' }, ['schoolName'], undefined)).toEqual({});
  });

  test('the draft is not changed in place', () => {
    const d = { unlock: { minutes: 10 } };
    setAt(d, ['unlock', 'minutes'], 20);
    expect(d).toEqual({ unlock: { minutes: 10 } });
  });

  test('getAt reads through objects and lists, undefined where the shape differs', () => {
    const d = { schedule: { workdays: [{ date: '2026-12-26' }] }, allow: 'x' };
    expect(getAt(d, ['schedule', 'workdays', 0, 'date'])).toBe('2026-12-26');
    expect(getAt(d, ['allow', 0])).toBeUndefined();
    expect(getAt(d, ['schedule', 'weekly', 'mon'])).toBeUndefined();
  });

  test('paths are written as PolicyError writes them', () => {
    expect(pathString(['customCategories', 1, 'name', 'zh_CN'])).toBe('customCategories[1].name.zh_CN');
  });

  test.each([
    ['a.cn\n\n  b.cn  \n', ['a.cn', 'b.cn']],
    ['\n \n', undefined],
  ])('one entry a line: %j', (text, list) => {
    expect(linesToList(text)).toEqual(list);
  });

  test('a list that is not all text stays visible as JSON', () => {
    expect(listToLines(['a.cn', 7])).toBe('a.cn\n7');
    expect(listToLines('a.cn')).toBe('"a.cn"');
  });

  test.each([
    ['10', 10],
    [' 180 ', 180],
    ['', undefined],
    ['1.5', '1.5'],
    ['十', '十'],
  ])('a number field %j holds %j', (text, value) => {
    expect(numberFromInput(text)).toBe(value);
  });
});

describe('which errors each field shows', () => {
  const e = (path: string): PolicyError => ({ path, key: 'policyErrInvalid', args: [] });
  const errors = [e('schedule.weekly.mon[1]'), e('schedule.weekly.monday'), e('schedule.weeklyX'), e('schedule'), e('allow[0]')];

  test('a field has the errors at its path and below, not at a longer key', () => {
    expect(errorsUnder(errors, 'schedule.weekly').map((x) => x.path)).toEqual(['schedule.weekly.mon[1]', 'schedule.weekly.monday']);
    expect(errorsUnder(errors, 'allow').map((x) => x.path)).toEqual(['allow[0]']);
  });

  test('a section keeps what its rows do not show', () => {
    expect(errorsLeft(errors, 'schedule.weekly', ['schedule.weekly.mon']).map((x) => x.path)).toEqual(['schedule.weekly.monday']);
  });
});

describe('the editor\'s language follows the browser', () => {
  test.each([
    [['zh-CN', 'en'], 'zh_CN'],
    [['zh-TW'], 'zh_CN'],
    [['en-US', 'zh-CN'], 'en'],
    [['fr-FR', 'en-GB'], 'en'],
    [['fr-FR'], 'zh_CN'],
    [[], 'zh_CN'],
  ] as const)('%j → %s', (languages, lang) => {
    expect(editorLang(languages)).toBe(lang);
  });

  test('it formats from the extension\'s own _locales', () => {
    expect(editorTranslate('zh_CN')('editorErrorCount', ['3'])).toBe('有 3 处错误，请按各项旁边的提示改正。');
    expect(editorTranslate('en')('editorErrorCount', ['3'])).toBe('3 errors: fix each as the note beside it says.');
    expect(editorTranslate('en')('noSuchKey')).toBe('noSuchKey');
  });
});

describe('a type error shows an example for its own field', () => {
  test.each([
    [['schoolName'], '"北票市第七初级中学"'],
    [['schedule', 'weekly', 'mon'], '["07:30-11:30", "13:30-17:30"]'],
    [['schedule', 'weekly', 'mon', 0], '"07:30-11:30"'],
    [['schedule', 'holidays'], '["2026-12-31", "2027-01-20..2027-02-24"]'],
    [['schedule', 'workdays', 0, 'date'], '"2026-12-26"'],
    [['customCategories', 0, 'urlKeywords'], '["hongbao", "lottery"]'],
    [['customCategories', 0, 'name', 'zh_CN'], '"炒股"'],
    [['categories', 'shopping', 'add'], '["taobao.com", "jd.com"]'],
    [['allow'], '["smartedu.cn", "mp.weixin.qq.com"]'],
    [['message'], '"工作时间请勿浏览与工作无关的网页。"'],
  ] as const)('%j', (path, example) => {
    expect(exampleForPath(path)).toBe(example);
  });

  test('no shopping domain is offered for a timetable or a school name', () => {
    const r = parsePolicy({ schoolName: 7, schedule: { weekly: { mon: '07:30-11:30' } } });
    expect(r.ok).toBe(false);
    if (!r.ok) for (const err of r.errors) expect(err.args.join(' ')).not.toMatch(/taobao|jd\.com/);
  });
});

describe('duplicates are reported in the first run, with every other error', () => {
  test('duplicate workday dates and custom-category ids next to malformed entries', () => {
    const r = parsePolicy({
      retentionDays: 0,
      schedule: {
        weekly: { mon: ['x'] },
        workdays: [
          { date: '2026-12-26', as: 'mon' },
          { date: '2026-12-26', as: 'xx' },
          { date: 'bad', as: 'mon' },
        ],
      },
      customCategories: [
        { id: 'stocks', name: { zh_CN: '炒股' }, mode: 'log' },
        { id: 'stocks', name: { zh_CN: '基金' }, mode: 'log', domains: ['nodot'] },
      ],
    });
    if (r.ok) throw new Error('parsed');
    expect(r.errors.map((e) => `${e.path} ${e.key}`).sort()).toEqual(
      [
        'schedule.weekly.mon[0] policyErrPeriodFormat',
        'schedule.workdays[1].as policyErrEnum',
        'schedule.workdays[2].date policyErrDateFormat',
        'schedule.workdays[1].date policyErrWorkdayDuplicate',
        'customCategories[1].domains[0] policyErrHostNoDot',
        'customCategories[1].id policyErrCategoryIdDuplicate',
        'retentionDays policyErrNumberTooSmall',
      ].sort(),
    );
  });
});

describe('a year without built-in State Council data', () => {
  const last = lastOfficialDataYear();
  const next = last + 1;
  const cn = { officialCalendar: 'cn' as const, holidays: [], workdays: [] };

  test('the built-in data ends with 2026 today (update this test with the package)', () => {
    expect(last).toBe(2026);
  });

  test('30 Nov 2026: the administrator hears of 2027, the teacher not yet', () => {
    const at = local('2026-11-30 10:00');
    expect(adminCalendarGaps(cn, at)).toEqual([next]);
    expect(teacherCalendarGaps(cn, at)).toEqual([]);
  });

  test('in 2027 the teacher hears of 2027, until the policy lists days of it', () => {
    const at = local(`${next}-01-05 10:00`);
    expect(teacherCalendarGaps(cn, at)).toEqual([next]);
    expect(teacherCalendarGaps({ ...cn, holidays: [`${next}-01-01`] }, at)).toEqual([]);
    expect(teacherCalendarGaps({ ...cn, workdays: [{ date: `${next}-02-07` }] }, at)).toEqual([]);
  });

  test('a vacation running into the year counts as listing it; officialCalendar none hears nothing', () => {
    expect(policyListsYear({ holidays: [`${last}-12-20..${next}-01-10`] }, next)).toBe(true);
    expect(policyListsYear({ holidays: [`${last}-12-20`] }, next)).toBe(false);
    expect(adminCalendarGaps({ officialCalendar: 'none' }, local('2026-11-30 10:00'))).toEqual([]);
  });

  test('the lines to add are the policy\'s own shape, and refused until MM-DD is filled in', () => {
    const lines = calendarGapPolicyLines(next);
    const schedule = JSON.parse(`{${lines}}`) as { schedule: { holidays: string[]; workdays: unknown[] } };
    expect(schedule.schedule.holidays[0]).toBe(`${next}-01-01`);
    const asIs = parsePolicy(schedule);
    expect(asIs.ok).toBe(false);
    const days = ['02-10', '02-16', '02-07'];
    const filled = parsePolicy(JSON.parse(`{${lines.replace(/MM-DD/g, () => days.shift() ?? '')}}`));
    expect(filled.ok).toBe(true);
  });
});
