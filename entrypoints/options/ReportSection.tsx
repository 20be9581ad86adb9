import { useEffect, useState } from 'preact/hooks';
import { StackedBarChart } from '@/components/StackedBarChart';
import { useLang, useT } from '@/components/i18n';
import { errorText } from '@/utils/ui/format';
import { buildUsageCsv } from '@/utils/report/csv';
import { categoryNameById, hostLabel, minutesOf } from '@/utils/ui/format';
import type { ReportResponse } from '@/utils/messages/types';
import type { Api } from '@/utils/ui/page-runtime';
import { addDaysToKey } from '@/utils/time/day-key';

export const CSV_HEADER_KEYS = ['columnDate', 'columnHost', 'columnCategory', 'columnMinutes', 'columnVisits', 'columnBlocked', 'columnUnlocks'];

interface Props {
  api: Pick<Api, 'getReport' | 'exportReport'>;
  /** Today's local day key: the default range is the last 7 days up to it. */
  today: string;
  download: (filename: string, blob: Blob) => void;
}

export function ReportSection({ api, today, download }: Props) {
  const t = useT();
  const lang = useLang();
  const [from, setFrom] = useState(addDaysToKey(today, -6));
  const [to, setTo] = useState(today);
  const [report, setReport] = useState<ReportResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = (f: string, tt: string) => {
    if (!f || !tt || f > tt) return setError(t('reportRangeInvalid'));
    setError(null);
    api.getReport({ from: f, to: tt }).then(setReport, (e: unknown) => setError(t('loadFailed', [errorText(e)])));
  };
  useEffect(() => {
    load(from, to);
  }, []);

  const name = (id: string) => categoryNameById(t, report?.categories ?? [], id, lang);
  const hosts = report?.hosts ?? [];
  const total = report?.total;

  // The export asks for the rows themselves, only when a teacher wants the file: the report
  // on screen is totalled in the background (a 90-day range holds 18,000 rows).
  const exportAs = (kind: 'csv' | 'json') => {
    if (!report) return;
    setError(null);
    api.exportReport({ from: report.from, to: report.to }).then(
      (data) => {
        const base = `qingfeng-${data.from}_${data.to}`;
        if (kind === 'csv') {
          const csv = buildUsageCsv(data.rows, CSV_HEADER_KEYS.map((k) => t(k)), name);
          download(`${base}.csv`, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
        } else {
          const json = JSON.stringify({ from: data.from, to: data.to, categories: data.categories, rows: data.rows }, null, 2);
          download(`${base}.json`, new Blob([json], { type: 'application/json' }));
        }
      },
      (e: unknown) => setError(t('loadFailed', [errorText(e)])),
    );
  };

  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">{t('reportHeading')}</h2>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          load(from, to);
        }}
      >
        <div class="field">
          <label for="report-from">{t('reportFrom')}</label>
          <input id="report-from" type="date" value={from} max={today} onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="report-to">{t('reportTo')}</label>
          <input id="report-to" type="date" value={to} max={today} onInput={(e) => setTo((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="button">{t('reportShow')}</button>
      </form>
      {error && <p class="warning" role="alert">{error}</p>}
      {report && (
        <>
          <StackedBarChart
            days={report.days}
            categories={report.categories}
            caption={t('reportChartCaption', [report.from, report.to])}
          />
          <div class="table-scroll">
            <table class="data" data-testid="report-table">
              <caption>{t('reportTableCaption', [report.from, report.to])}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('columnHost')}</th>
                  <th scope="col">{t('columnCategory')}</th>
                  <th scope="col" class="num">{t('columnMinutes')}</th>
                  <th scope="col" class="num">{t('columnVisits')}</th>
                  <th scope="col" class="num">{t('columnBlocked')}</th>
                  <th scope="col" class="num">{t('columnUnlocks')}</th>
                </tr>
              </thead>
              <tbody>
                {hosts.length === 0 && (
                  <tr>
                    <td colSpan={6}>{t('reportEmpty')}</td>
                  </tr>
                )}
                {hosts.map((h) => (
                  <tr key={`${h.host}|${h.category}`}>
                    <th scope="row" class="host">{hostLabel(t, h.host)}</th>
                    <td>{name(h.category)}</td>
                    <td class="num">{minutesOf(h.workSeconds)}</td>
                    <td class="num">{h.visits}</td>
                    <td class="num">{h.blocked}</td>
                    <td class="num">{h.unlocks}</td>
                  </tr>
                ))}
              </tbody>
              {total && (
                <tfoot>
                  <tr data-testid="report-total">
                    <th scope="row" colSpan={2}>{t('reportTotal')}</th>
                    <td class="num">{minutesOf(total.workSeconds)}</td>
                    <td class="num">{total.visits}</td>
                    <td class="num">{total.blocked}</td>
                    <td class="num">{total.unlocks}</td>
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
          <p class="row">
            <button type="button" class="button" onClick={() => exportAs('csv')}>{t('reportExportCsv')}</button>
            <button type="button" class="button button--secondary" onClick={() => exportAs('json')}>{t('reportExportJson')}</button>
          </p>
        </>
      )}
    </section>
  );
}
