import type { CategoryInfo, CategoryTotal } from '@/utils/messages/types';
import { categoryNameById, minutesOf, shortDateLabel, weekdayLabel } from '@/utils/ui/format';
import { OTHER } from '@/utils/tallies/types';
import { useLang, useT } from './i18n';

export interface ChartDay {
  day: string;
  byCategory: CategoryTotal[];
}

/**
 * Built-in categories keep one colour everywhere; custom ones take the spare colours in
 * order. Each is at least 3:1 against white (WCAG non-text contrast), and the legend and
 * the hidden table carry the names, so colour is never the only cue.
 */
const BUILTIN_COLOURS: Record<string, string> = {
  shopping: '#b3261e',
  games: '#6f42c1',
  redPacket: '#c2410c',
  webChat: '#0b6e4f',
  video: '#1f5fbf',
  social: '#9a3f7a',
  lottery: '#7a5c00',
  [OTHER]: '#57606a',
};
const SPARE_COLOURS = ['#00727a', '#3d5a80', '#8c4a2f', '#4b6b1f', '#6d28d9'];

const SLOT = 40;
const BAR = 26;
const TOP = 18;
const PLOT = 110;
const LABELS = 34;

/**
 * Non-work minutes per day, stacked by category: inline SVG, a legend with names and
 * totals, and the same figures in a visually hidden table for screen readers.
 */
export function StackedBarChart({ days, categories, caption }: { days: ChartDay[]; categories: CategoryInfo[]; caption: string }) {
  const t = useT();
  const lang = useLang();
  const name = (id: string) => categoryNameById(t, categories, id, lang);

  // Series: the configured categories in their order, then any other id the rows carry.
  const seconds = (d: ChartDay, id: string) => d.byCategory.find((c) => c.category === id)?.workSeconds ?? 0;
  const present = new Set(days.flatMap((d) => d.byCategory.filter((c) => c.workSeconds > 0).map((c) => c.category)));
  const ordered = [...categories.map((c) => c.id), OTHER, ...present].filter((id, i, all) => present.has(id) && all.indexOf(id) === i);
  let spare = 0;
  const series = ordered.map((id) => ({ id, colour: BUILTIN_COLOURS[id] ?? SPARE_COLOURS[spare++ % SPARE_COLOURS.length] ?? '#57606a' }));

  const dayTotals = days.map((d) => series.reduce((s, c) => s + seconds(d, c.id), 0));
  const maxSeconds = Math.max(60, ...dayTotals);
  const totalMinutes = minutesOf(dayTotals.reduce((a, b) => a + b, 0));
  const peakIndex = dayTotals.indexOf(Math.max(...dayTotals, 0));
  const peak = days[peakIndex];
  const summary =
    totalMinutes === 0 || !peak
      ? t('chartSummaryEmpty', [String(days.length)])
      : t('chartSummary', [String(days.length), String(totalMinutes), shortDateLabel(t, peak.day), String(minutesOf(dayTotals[peakIndex] ?? 0))]);

  const many = days.length > 14;
  const labelEvery = many ? Math.ceil(days.length / 12) : 1;
  const width = days.length * SLOT;
  const height = TOP + PLOT + LABELS;

  return (
    <figure class="chart" data-testid="chart">
      <figcaption class="chart__caption">{caption}</figcaption>
      <div class="chart__scroll">
        <svg role="img" aria-label={summary} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
          <line x1={0} x2={width} y1={TOP + PLOT} y2={TOP + PLOT} class="chart__axis" />
          {days.map((d, i) => {
            const x = i * SLOT + (SLOT - BAR) / 2;
            let y = TOP + PLOT;
            const dayMinutes = minutesOf(dayTotals[i] ?? 0);
            return (
              <g key={d.day}>
                {series.map((s) => {
                  const h = (seconds(d, s.id) / maxSeconds) * PLOT;
                  if (h <= 0) return null;
                  y -= h;
                  return <rect key={s.id} x={x} y={y} width={BAR} height={h} fill={s.colour} class="chart__segment" />;
                })}
                {dayMinutes > 0 && (
                  <text x={x + BAR / 2} y={y - 4} class="chart__value" text-anchor="middle">
                    {dayMinutes}
                  </text>
                )}
                {i % labelEvery === 0 && (
                  <>
                    {!many && (
                      <text x={i * SLOT + SLOT / 2} y={TOP + PLOT + 14} class="chart__label" text-anchor="middle">
                        {weekdayLabel(t, d.day)}
                      </text>
                    )}
                    <text x={i * SLOT + SLOT / 2} y={TOP + PLOT + (many ? 14 : 28)} class="chart__label" text-anchor="middle">
                      {shortDateLabel(t, d.day)}
                    </text>
                  </>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <p class="muted chart__unit">{t('chartUnit')}</p>
      {series.length > 0 && (
        <ul class="legend" aria-hidden="true">
          {series.map((s) => (
            <li key={s.id}>
              <span class="legend__swatch" style={{ background: s.colour }} />
              {name(s.id)} {t('minutesShort', [String(minutesOf(days.reduce((sum, d) => sum + seconds(d, s.id), 0)))])}
            </li>
          ))}
        </ul>
      )}
      {/* A table ignores width: 1px, so the hiding box is a wrapper (else it widens the popup). */}
      <div class="visually-hidden">
      <table data-testid="chart-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columnDate')}</th>
            {series.map((s) => (
              <th scope="col" key={s.id}>{name(s.id)}</th>
            ))}
            <th scope="col">{t('columnTotalMinutes')}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d, i) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              {series.map((s) => (
                <td key={s.id}>{minutesOf(seconds(d, s.id))}</td>
              ))}
              <td>{minutesOf(dayTotals[i] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}
