import { calendarGapPolicyLines } from '@/utils/schedule/calendar-gaps';
import { lastOfficialDataYear } from '@/utils/schedule/official-calendar';
import { useT } from './i18n';

/** For the administrator (#14): which coming years have no built-in holiday data, and the policy lines that fill them. */
export function CalendarGapNotice({ years }: { years: readonly number[] }) {
  const t = useT();
  if (years.length === 0) return null;
  return (
    <div class="note" data-testid="calendar-gap">
      <p>{t('calendarGapAdmin', [String(lastOfficialDataYear()), years.join(t('listSeparator'))])}</p>
      {years.map((y) => (
        <pre key={y} class="json">{calendarGapPolicyLines(y)}</pre>
      ))}
    </div>
  );
}
