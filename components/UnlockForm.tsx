import { useState } from 'preact/hooks';
import { MIN_REASON_CHARS, reasonLength } from '@/utils/matching/unlock';
import { useT } from './i18n';

export const MAX_REASON_CHARS = 500;
const STEPS = [1, 5, 10, 15, 20, 30, 45, 60, 90, 120];

/** The durations offered: the usual steps up to the policy's maximum, and the maximum itself. */
export function durationChoices(maxMinutes: number): number[] {
  const max = Math.max(1, Math.floor(maxMinutes));
  return [...new Set([...STEPS.filter((m) => m <= max), max])].sort((a, b) => a - b);
}

interface Props {
  maxMinutes: number;
  remainingToday: number;
  maxPerDay: number;
  busy: boolean;
  onSubmit: (reason: string, minutes: number) => void;
}

/** Temporary access from the block page: a written reason (required) and a duration. */
export function UnlockForm({ maxMinutes, remainingToday, maxPerDay, busy, onSubmit }: Props) {
  const t = useT();
  const choices = durationChoices(maxMinutes);
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState(choices[choices.length - 1] ?? 1);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: Event) => {
    event.preventDefault();
    if (reasonLength(reason) < MIN_REASON_CHARS) {
      setError(t('unlockReasonTooShort', [String(MIN_REASON_CHARS)]));
      return;
    }
    setError(null);
    onSubmit(reason.trim(), minutes);
  };

  return (
    <form class="unlock" onSubmit={submit} noValidate data-testid="unlock-form">
      <p>{t('unlockRemaining', [String(remainingToday), String(maxPerDay)])}</p>
      <div class="field">
        <label for="unlock-reason">{t('unlockReasonLabel')}</label>
        <textarea
          id="unlock-reason"
          name="reason"
          rows={3}
          required
          maxLength={MAX_REASON_CHARS}
          value={reason}
          aria-invalid={error !== null}
          aria-describedby={error ? 'unlock-reason-hint unlock-reason-error' : 'unlock-reason-hint'}
          onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)}
        />
        <p id="unlock-reason-hint" class="muted">{t('unlockReasonHint', [String(MIN_REASON_CHARS)])}</p>
        {error && (
          <p id="unlock-reason-error" class="error-text" role="alert" data-testid="unlock-error">{error}</p>
        )}
      </div>
      <div class="field">
        <label for="unlock-minutes">{t('unlockMinutesLabel')}</label>
        <select
          id="unlock-minutes"
          name="minutes"
          value={String(minutes)}
          onChange={(e) => setMinutes(Number((e.currentTarget as HTMLSelectElement).value))}
        >
          {choices.map((m) => (
            <option key={m} value={String(m)}>{t('minutesShort', [String(m)])}</option>
          ))}
        </select>
      </div>
      <button type="submit" class="button" disabled={busy}>{t('unlockSubmit')}</button>
    </form>
  );
}
