import { Brand } from '@/components/Brand';
import { StackedBarChart } from '@/components/StackedBarChart';
import { StatusCard } from '@/components/StatusCard';
import { TodaySummary } from '@/components/TodaySummary';
import { useT } from '@/components/i18n';
import { useOnce } from '@/components/use-once';
import { Show } from '@/components/Show';
import type { Api } from '@/utils/ui/page-runtime';

/**
 * The toolbar popup: one getPopup per opening (the status, today and the week in one answer),
 * so it paints after one round trip to the background and one render (#16).
 */
export function Popup({ api, openOptions }: { api: Pick<Api, 'getPopup'>; openOptions: () => void }) {
  const t = useT();
  const popup = useOnce(() => api.getPopup({}));
  return (
    <main class="popup">
      <Brand />
      <Show loaded={popup}>
        {({ status, tallies }) => (
          <>
            <StatusCard status={status} />
            {'error' in tallies ? (
              <p class="warning" role="alert" data-testid="tallies-unreadable">{t('popupTalliesUnreadable', [tallies.error])}</p>
            ) : (
              <>
                <TodaySummary today={tallies.today} />
                <section aria-labelledby="week-heading">
                  <h2 id="week-heading">{t('popupWeekHeading')}</h2>
                  <StackedBarChart days={tallies.week.days} categories={tallies.week.categories} caption={t('popupWeekCaption')} />
                </section>
              </>
            )}
          </>
        )}
      </Show>
      <p class="popup__footer">
        <button type="button" class="button" onClick={openOptions}>{t('popupOpenOptions')}</button>
      </p>
    </main>
  );
}
