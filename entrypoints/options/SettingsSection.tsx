import { useState } from 'preact/hooks';
import { ManagedBadge } from '@/components/ManagedBadge';
import { useLang, useT } from '@/components/i18n';
import { errorText } from '@/utils/ui/format';
import type { SettingKey } from '@/utils/policy/resolve';
import { categoryLabel } from '@/utils/ui/format';
import type { SaveSettingsResult, SettingsResponse } from '@/utils/messages/types';
import type { Api } from '@/utils/ui/page-runtime';
import { CATEGORY_IDS, MODES, WEEKDAYS, type Mode } from '@/utils/policy/constants';
import { buildTeacherSettings, formFromConfig, type SettingsForm } from '@/utils/ui/settings-form';

interface Props {
  api: Pick<Api, 'saveTeacherSettings'>;
  settings: SettingsResponse;
  /** After a successful save: the page reloads the effective configuration. */
  onSaved: () => void;
}

type SaveState = { state: 'idle' } | { state: 'saving' } | { state: 'saved' } | { state: 'failed'; result: SaveSettingsResult | string };

export function SettingsSection({ api, settings, onSaved }: Props) {
  const t = useT();
  const lang = useLang();
  const { config, teacher } = settings;
  const [initial] = useState(() => formFromConfig(config.values));
  const [form, setForm] = useState<SettingsForm>(initial);
  const [save, setSave] = useState<SaveState>({ state: 'idle' });

  const locked = (key: SettingKey) => config.locked.includes(key);
  const editable: SettingKey[] = ['schedule', 'allow', 'customCategories', ...CATEGORY_IDS.map((id) => `categories.${id}` as const)];
  const allLocked = editable.every(locked);
  const update = (patch: Partial<SettingsForm>) => {
    setForm({ ...form, ...patch });
    if (save.state === 'saved') setSave({ state: 'idle' });
  };
  const value = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;

  const submit = (e: Event) => {
    e.preventDefault();
    const next = buildTeacherSettings(teacher, form, initial, config.locked, { zh_CN: t('mineCategoryName') });
    setSave({ state: 'saving' });
    api.saveTeacherSettings({ settings: next }).then(
      (result) => {
        if (result.ok) {
          setSave({ state: 'saved' });
          onSaved();
        } else setSave({ state: 'failed', result });
      },
      (err: unknown) => setSave({ state: 'failed', result: errorText(err) }),
    );
  };

  const legend = (key: SettingKey, text: string) => (
    <legend>
      {text} {locked(key) && <ManagedBadge />}
    </legend>
  );

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settingsHeading')}</h2>
      {allLocked && <p class="note" data-testid="all-locked">{t('settingsAllLocked')}</p>}
      <form onSubmit={submit} noValidate>
        <fieldset disabled={locked('schedule')} data-testid="fieldset-schedule">
          {legend('schedule', t('settingsSchedule'))}
          <p class="muted">{t('settingsScheduleHint')}</p>
          {WEEKDAYS.map((d) => (
            <div class="field field--inline" key={d}>
              <label for={`weekly-${d}`}>{t(`weekday_${d}`)}</label>
              <input
                id={`weekly-${d}`}
                type="text"
                value={form.weekly[d]}
                placeholder="07:30-11:30, 13:30-17:30"
                onInput={(e) => update({ weekly: { ...form.weekly, [d]: value(e) } })}
              />
            </div>
          ))}
          <div class="field">
            <label for="official-calendar">{t('settingsOfficialCalendar')}</label>
            <select
              id="official-calendar"
              value={form.officialCalendar}
              onChange={(e) => update({ officialCalendar: value(e) === 'none' ? 'none' : 'cn' })}
            >
              <option value="cn">{t('calendar_cn')}</option>
              <option value="none">{t('calendar_none')}</option>
            </select>
          </div>
          <div class="field">
            <label for="holidays">{t('settingsHolidays')}</label>
            <textarea id="holidays" rows={3} value={form.holidays} aria-describedby="holidays-hint" onInput={(e) => update({ holidays: value(e) })} />
            <p id="holidays-hint" class="muted">{t('settingsHolidaysHint')}</p>
          </div>
        </fieldset>

        <fieldset data-testid="fieldset-categories">
          <legend>{t('settingsCategories')}</legend>
          {CATEGORY_IDS.map((id) => {
            const info = settings.categories.find((c) => c.id === id) ?? { id, builtin: true, mode: form.modes[id] };
            const key = `categories.${id}` as const;
            return (
              <div class="field field--inline" key={id}>
                <label for={`mode-${id}`}>{categoryLabel(t, info, lang)}</label>
                <select
                  id={`mode-${id}`}
                  value={form.modes[id]}
                  disabled={locked(key)}
                  onChange={(e) => update({ modes: { ...form.modes, [id]: value(e) as Mode } })}
                >
                  {MODES.map((m) => (
                    <option key={m} value={m}>{t(`mode_${m}`)}</option>
                  ))}
                </select>
                {locked(key) && <ManagedBadge />}
              </div>
            );
          })}
        </fieldset>

        <fieldset disabled={locked('allow')} data-testid="fieldset-allow">
          {legend('allow', t('settingsAllow'))}
          <label for="allow" class="visually-hidden">{t('settingsAllow')}</label>
          <textarea id="allow" rows={4} value={form.allow} aria-describedby="allow-hint" onInput={(e) => update({ allow: value(e) })} />
          <p id="allow-hint" class="muted">{t('settingsAllowHint')}</p>
        </fieldset>

        <fieldset disabled={locked('customCategories')} data-testid="fieldset-mine">
          {legend('customCategories', t('settingsMine'))}
          <label for="mine" class="visually-hidden">{t('settingsMine')}</label>
          <textarea id="mine" rows={4} value={form.mine} aria-describedby="mine-hint" onInput={(e) => update({ mine: value(e) })} />
          <p id="mine-hint" class="muted">{t('settingsMineHint')}</p>
        </fieldset>

        <button type="submit" class="button" disabled={allLocked || save.state === 'saving'}>{t('settingsSave')}</button>
        {save.state === 'saved' && <p role="status" class="ok">{t('settingsSaved')}</p>}
        {save.state === 'failed' &&
          (typeof save.result === 'string' ? (
            <p class="warning" role="alert">{t('loadFailed', [save.result])}</p>
          ) : (
            !save.result.ok && (
              <div class="warning" role="alert" data-testid="save-errors">
                <p>{t('settingsSaveFailed')}</p>
                <ul class="errors">
                  {save.result.errors.map((err) => (
                    <li key={`${err.path}:${err.key}`}>
                      <code>{err.path || '—'}</code> {t(err.key, err.args)}
                    </li>
                  ))}
                </ul>
              </div>
            )
          ))}
      </form>
    </section>
  );
}
