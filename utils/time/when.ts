import type { MessageRef } from '../i18n/message-ref';
import { pad } from './pad';

/** "今天 11:30" / "明天 07:30" / "10月8日 07:30": an instant described against now, local time. */
export function describeWhen(at: number, now: number): MessageRef {
  const target = new Date(at);
  const today = new Date(now);
  const time = `${pad(target.getHours())}:${pad(target.getMinutes())}`;
  const dayOffset = Math.round(
    (new Date(target.getFullYear(), target.getMonth(), target.getDate()).getTime() -
      new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime()) /
      86_400_000,
  );
  if (dayOffset === 0) return { key: 'whenToday', args: [time] };
  if (dayOffset === 1) return { key: 'whenTomorrow', args: [time] };
  return { key: 'whenDate', args: [String(target.getMonth() + 1), String(target.getDate()), time] };
}
