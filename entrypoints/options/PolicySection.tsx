import { CalendarGapNotice } from '@/components/CalendarGapNotice';
import { ManagedBadge } from '@/components/ManagedBadge';
import { PolicyPanel } from '@/components/PolicyPanel';
import { useLang, useT } from '@/components/i18n';
import type { Translate } from '@/components/i18n';
import { adminCalendarGaps } from '@/utils/schedule/calendar-gaps';
import type { EffectiveConfig, SettingKey } from '@/utils/policy/resolve';
import { categoryLabel } from '@/utils/ui/format';
import type { SettingsResponse } from '@/utils/messages/types';
import { WEEKDAYS, type CategoryId } from '@/utils/policy/constants';

/** One readable line (or a few) for a setting's effective value. */
function describeValue(t: Translate, lang: string, values: EffectiveConfig['values'], key: SettingKey): string {
  const none = t('valueNone');
  const list = (items: readonly string[]) => (items.length === 0 ? none : items.join(t('listSeparator')));
  const yesNo = (b: boolean) => t(b ? 'valueYes' : 'valueNo');
  if (key.startsWith('categories.')) {
    const c = values.categories[key.slice(11) as CategoryId];
    const extra = c.add.length + c.remove.length > 0 ? ` ${t('valueAddRemove', [String(c.add.length), String(c.remove.length)])}` : '';
    return t(`mode_${c.mode}`) + extra;
  }
  switch (key) {
    case 'schoolName':
    case 'message':
      return values[key] || none;
    case 'schedule': {
      const s = values.schedule;
      const days = WEEKDAYS.map((d) => `${t(`weekday_${d}`)} ${s.weekly[d].length ? s.weekly[d].join(', ') : t('valueDayOff')}`);
      return [...days, `${t('settingsOfficialCalendar')}：${t(`calendar_${s.officialCalendar}`)}`, `${t('settingsHolidays')}：${list(s.holidays)}`].join('\n');
    }
    case 'customCategories':
      return values.customCategories.length === 0
        ? none
        : values.customCategories
            .map((c) => `${categoryLabel(t, { id: c.id, builtin: false, name: c.name, mode: c.mode }, lang)}（${t(`mode_${c.mode}`)}）：${list(c.domains)}`)
            .join('\n');
    case 'allow':
      return list(values.allow);
    case 'unlock':
      return values.unlock.enabled ? t('valueUnlockOn', [String(values.unlock.minutes), String(values.unlock.maxPerDay)]) : t('valueUnlockOff');
    case 'recordOtherHosts':
    case 'lockSettings':
      return yesNo(values[key]);
    case 'retentionDays':
      return t('valueDays', [String(values.retentionDays)]);
    default:
      return none;
  }
}

export function PolicySection({ settings, now }: { settings: SettingsResponse; now: number }) {
  const t = useT();
  const lang = useLang();
  const { config } = settings;
  const keys = Object.keys(config.sources) as SettingKey[];
  const label = (key: SettingKey) =>
    key.startsWith('categories.')
      ? categoryLabel(t, { id: key.slice(11), builtin: true, mode: 'off' }, lang)
      : t(`settingKey_${key}`);
  return (
    <>
      <PolicyPanel status={settings.policy} />
      <section aria-labelledby="editor-heading">
        <h2 id="editor-heading" class="visually-hidden">{t('editorTitle')}</h2>
        {/* admin.html is a sibling of options.html in both builds (#14). */}
        <p>
          <a href="admin.html" target="_blank" rel="noopener" data-testid="open-editor">{t('editorOpenEditor')}</a>
          {' — '}
          <span class="muted">{t('editorOpenEditorHint')}</span>
        </p>
        <CalendarGapNotice years={adminCalendarGaps(config.values.schedule, now)} />
      </section>
      <section aria-labelledby="effective-heading">
        <h2 id="effective-heading">{t('effectiveHeading')}</h2>
        <p class="muted">{t('effectiveIntro')}</p>
        <div class="table-scroll">
          <table class="data data--stack" data-testid="effective-table">
            <thead>
              <tr>
                <th scope="col">{t('columnSetting')}</th>
                <th scope="col">{t('columnValue')}</th>
                <th scope="col">{t('columnSource')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key} data-key={key}>
                  <th scope="row">{label(key)}</th>
                  <td class="pre">{describeValue(t, lang, config.values, key)}</td>
                  <td>
                    {t(`source_${config.sources[key]}`)} {config.locked.includes(key) && <ManagedBadge />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <details>
          <summary>{t('effectiveJson')}</summary>
          <pre class="json" data-testid="effective-json">{JSON.stringify(config.values, null, 2)}</pre>
        </details>
      </section>
    </>
  );
}
