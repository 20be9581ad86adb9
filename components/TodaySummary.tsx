import type { TodayResponse } from '@/utils/messages/types';
import { categoryNameById, clockTime, hostLabel, minutesOf } from '@/utils/ui/format';
import { shortenHost } from '@/utils/ui/shorten-host';
import { useLang, useT } from './i18n';

/** Today at a glance (popup): minutes by category, blocked attempts, unlocks with reasons, top hosts. */
export function TodaySummary({ today }: { today: TodayResponse }) {
  const t = useT();
  const lang = useLang();
  const name = (id: string | null) => (id === null ? t('category_other') : categoryNameById(t, today.categories, id, lang));
  const byCategory = today.byCategory
    .map((c) => ({ id: c.category, minutes: minutesOf(c.workSeconds) }))
    .filter((c) => c.minutes > 0)
    .sort((a, b) => b.minutes - a.minutes);

  return (
    <section aria-labelledby="today-heading" class="today">
      <h2 id="today-heading">{t('popupTodayHeading')}</h2>
      <dl class="figures">
        <div>
          <dt>{t('popupBlockedToday')}</dt>
          <dd data-testid="blocked-today">{today.blocked}</dd>
        </div>
        <div>
          <dt>{t('popupUnlocksToday')}</dt>
          <dd data-testid="unlocks-today">{today.unlocks}</dd>
        </div>
      </dl>

      <h3>{t('popupMinutesByCategory')}</h3>
      {byCategory.length === 0 ? (
        <p class="muted">{t('popupNoMinutes')}</p>
      ) : (
        <ul class="bars-list" data-testid="minutes-by-category">
          {byCategory.map((c) => (
            <li key={c.id} data-category={c.id}>
              <span>{name(c.id)}</span> <span class="num">{t('minutesShort', [String(c.minutes)])}</span>
            </li>
          ))}
        </ul>
      )}

      {today.unlockEvents.length > 0 && (
        <>
          <h3>{t('popupUnlockEventsHeading')}</h3>
          <ul class="events" data-testid="unlock-events">
            {today.unlockEvents.map((e, i) => (
              <li key={`${e.at}-${i}`}>
                <span class="num">{clockTime(e.at)}</span> <span class="host">{e.host === null ? t('category_other') : shortenHost(e.host)}</span>
                {e.category !== null && <span class="muted"> · {name(e.category)}</span>}
                <br />
                <span class="reason">{t('popupUnlockReason', [e.detail ?? ''])}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>{t('popupTopHosts')}</h3>
      {today.topHosts.length === 0 ? (
        <p class="muted">{t('popupNoHosts')}</p>
      ) : (
        <ol class="hosts" data-testid="top-hosts">
          {today.topHosts.map((h) => (
            <li key={h.host}>
              <span class="host">{hostLabel(t, h.host)}</span> <span class="muted">{name(h.category)}</span>{' '}
              <span class="num">
                {t('hostFigures', [String(minutesOf(h.workSeconds)), String(h.visits), String(h.blocked)])}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
