// The schedule: the weekly timetable as a table of periods, the official calendar, the
// school's days off and its extra working days.
import { useT } from '@/components/i18n';
import { CalendarGapNotice } from '@/components/CalendarGapNotice';
import { adminCalendarGaps } from '@/utils/schedule/calendar-gaps';
import { WEEKDAYS } from '@/utils/policy/constants';
import { DEFAULTS } from '@/utils/policy/schema';
import type { PolicyError } from '@/utils/policy/types';
import { type Draft, errorsLeft, errorsUnder, getAt, isPlainObject } from '@/utils/policy/draft';
import { ChoiceField, type Edit, FieldErrors, LinesField } from './fields';

type Props = { draft: Draft; edit: Edit; errors: readonly PolicyError[]; now: number };

function WeeklyTable({ draft, edit, errors }: Omit<Props, 'now'>) {
  const t = useT();
  const weekly = getAt(draft, ['schedule', 'weekly']);
  const left = errorsLeft(errors, 'schedule.weekly', WEEKDAYS.map((d) => `schedule.weekly.${d}`));
  if (weekly === undefined) {
    return (
      <div class="field" data-field="schedule.weekly">
        <p class="muted">{t('editorWeeklyNotSet')}</p>
        <p>
          <button type="button" class="button button--secondary" onClick={() => edit(['schedule', 'weekly'], structuredClone(DEFAULTS.schedule.weekly))}>
            {t('editorWeeklyStart')}
          </button>
        </p>
      </div>
    );
  }
  return (
    <div class="field" data-field="schedule.weekly">
      <div class="table-scroll">
        <table class="data editor__weekly">
          <thead>
            <tr>
              <th scope="col">{t('editorWeekday')}</th>
              <th scope="col">{t('editorPeriods')}</th>
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((day) => {
              const value = isPlainObject(weekly) ? weekly[day] : undefined;
              const periods: unknown[] = Array.isArray(value) ? value : [];
              return (
                <tr key={day} data-day={day}>
                  <th scope="row">{t(`weekday_${day}`)}</th>
                  <td>
                    <div class="row">
                      {value === undefined && <span class="muted">{t('editorNotSet')}</span>}
                      {value !== undefined && !Array.isArray(value) && <code>{JSON.stringify(value)}</code>}
                      {periods.map((p, i) => (
                        <span key={i} class="editor__period">
                          <input
                            type="text"
                            size={11}
                            aria-label={`${t(`weekday_${day}`)} ${i + 1}`}
                            value={typeof p === 'string' ? p : JSON.stringify(p)}
                            onInput={(e) => edit(['schedule', 'weekly', day, i], (e.currentTarget as HTMLInputElement).value)}
                          />
                          <button type="button" class="link" aria-label={t('editorRemove')} onClick={() => edit(['schedule', 'weekly', day], periods.filter((_, k) => k !== i))}>
                            ×
                          </button>
                        </span>
                      ))}
                      <button type="button" class="link" onClick={() => edit(['schedule', 'weekly', day], [...periods, ''])}>
                        {t('editorAddPeriod')}
                      </button>
                    </div>
                    <FieldErrors errors={errorsUnder(errors, `schedule.weekly.${day}`)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <FieldErrors errors={left} withPath />
      <p>
        <button type="button" class="link" onClick={() => edit(['schedule', 'weekly'], undefined)}>
          {t('editorWeeklyClear')}
        </button>
      </p>
    </div>
  );
}

function WorkdaysTable({ draft, edit, errors }: Omit<Props, 'now'>) {
  const t = useT();
  const value = getAt(draft, ['schedule', 'workdays']);
  const list: unknown[] = Array.isArray(value) ? value : [];
  const rows = list.map((_, i) => `schedule.workdays[${i}]`);
  return (
    <div class="field" data-field="schedule.workdays">
      <span>{t('editorWorkdays')}</span>
      <span class="muted">{t('editorWorkdaysHint')}</span>
      {list.length > 0 && (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('editorWorkdayDate')}</th>
              <th scope="col">{t('editorWorkdayAs')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {list.map((w, i) => {
              const date = getAt(w, ['date']);
              const as = getAt(w, ['as']);
              return (
                <tr key={i} data-workday={i}>
                  <td>
                    <input
                      type="text"
                      size={11}
                      placeholder="2026-12-26"
                      aria-label={`${t('editorWorkdayDate')} ${i + 1}`}
                      value={typeof date === 'string' ? date : date === undefined ? '' : JSON.stringify(date)}
                      onInput={(e) => edit(['schedule', 'workdays', i, 'date'], (e.currentTarget as HTMLInputElement).value)}
                    />
                    <FieldErrors errors={errorsUnder(errors, `schedule.workdays[${i}]`)} />
                  </td>
                  <td>
                    <select
                      aria-label={`${t('editorWorkdayAs')} ${i + 1}`}
                      value={typeof as === 'string' ? as : ''}
                      onChange={(e) => edit(['schedule', 'workdays', i, 'as'], (e.currentTarget as HTMLSelectElement).value)}
                    >
                      {WEEKDAYS.map((d) => (
                        <option key={d} value={d}>{t(`weekday_${d}`)}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button type="button" class="link" onClick={() => edit(['schedule', 'workdays'], list.length === 1 ? undefined : list.filter((_, k) => k !== i))}>
                      {t('editorRemove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <FieldErrors errors={errorsLeft(errors, 'schedule.workdays', rows)} withPath />
      <p>
        <button type="button" class="link" onClick={() => edit(['schedule', 'workdays'], [...list, { date: '', as: 'mon' }])}>
          {t('editorAddWorkday')}
        </button>
      </p>
    </div>
  );
}

export function ScheduleFields({ draft, edit, errors, now }: Props) {
  const t = useT();
  const schedule = getAt(draft, ['schedule']);
  const calendar = getAt(schedule, ['officialCalendar']);
  const gaps = adminCalendarGaps({ officialCalendar: calendar === 'none' ? 'none' : 'cn' }, now);
  const parts = ['weekly', 'officialCalendar', 'holidays', 'workdays'].map((k) => `schedule.${k}`);
  return (
    <fieldset data-section="schedule">
      <legend>{t('settingKey_schedule')}</legend>
      <WeeklyTable draft={draft} edit={edit} errors={errors} />
      <ChoiceField
        label={t('settingsOfficialCalendar')}
        path={['schedule', 'officialCalendar']}
        draft={draft}
        edit={edit}
        errors={errors}
        options={[
          ['cn', t('calendar_cn')],
          ['none', t('calendar_none')],
        ]}
      />
      <CalendarGapNotice years={gaps} />
      <LinesField label={t('settingsHolidays')} hint={t('settingsHolidaysHint')} path={['schedule', 'holidays']} draft={draft} edit={edit} errors={errors} />
      <WorkdaysTable draft={draft} edit={edit} errors={errors} />
      <FieldErrors errors={errorsLeft(errors, 'schedule', parts)} withPath />
    </fieldset>
  );
}
