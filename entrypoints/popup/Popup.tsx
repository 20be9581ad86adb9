import { Brand } from '@/components/Brand';
import { StackedBarChart } from '@/components/StackedBarChart';
import { StatusCard } from '@/components/StatusCard';
import { TodaySummary } from '@/components/TodaySummary';
import { useT } from '@/components/i18n';
import { useOnce } from '@/components/use-once';
import { Show } from '@/components/Show';
import type { Api } from '@/utils/ui/page-runtime';

/** The toolbar popup: one getStatus, one getToday, one getWeek per opening. */
export function Popup({ api, openOptions }: { api: Pick<Api, 'getStatus' | 'getToday' | 'getWeek'>; openOptions: () => void }) {
  const t = useT();
  const status = useOnce(() => api.getStatus({}));
  const today = useOnce(() => api.getToday({}));
  const week = useOnce(() => api.getWeek({}));
  return (
    <main class="popup">
      <Brand />
      <Show loaded={status}>{(s) => <StatusCard status={s} />}</Show>
      <Show loaded={today}>{(d) => <TodaySummary today={d} />}</Show>
      <section aria-labelledby="week-heading">
        <h2 id="week-heading">{t('popupWeekHeading')}</h2>
        <Show loaded={week}>
          {(w) => <StackedBarChart days={w.days} categories={w.categories} caption={t('popupWeekCaption')} />}
        </Show>
      </section>
      <p class="popup__footer">
        <button type="button" class="button" onClick={openOptions}>{t('popupOpenOptions')}</button>
      </p>
    </main>
  );
}
