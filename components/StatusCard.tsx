import type { StatusResponse } from '@/utils/messages/types';
import { describeWhen } from '@/utils/time/when';
import { useT } from './i18n';

export function StatusCard({ status }: { status: StatusResponse }) {
  const t = useT();
  const when = status.nextBoundary === null ? null : describeWhen(status.nextBoundary, status.now);
  const whenText = when ? t(when.key, when.args) : null;
  return (
    <section class={`status ${status.workTime ? 'status--work' : 'status--off'}`} aria-live="polite">
      {status.schoolName && <p class="status__school">{status.schoolName}</p>}
      <h1 class="status__headline" data-testid="work-status">
        {t(status.workTime ? 'popupWorkTimeNow' : 'popupOffTimeNow')}
      </h1>
      <p class="status__until" data-testid="work-until">
        {whenText === null
          ? t(status.workTime ? 'popupWorkNoEnd' : 'popupNoBoundary')
          : t(status.workTime ? 'popupWorkUntil' : 'popupWorkStarts', [whenText])}
      </p>
      {status.blockingUnavailable && (
        <div class="warning" role="alert" data-testid="blocking-unavailable">
          <p><strong>{t('dnrMissingTitle')}</strong></p>
          <p>{t('dnrMissingText')}</p>
        </div>
      )}
      {status.policy.present && !status.policy.valid && (
        <p class="warning" role="alert" data-testid="policy-warning">{t('popupPolicyInvalid')}</p>
      )}
      {status.policy.lastGoodKept && !status.policy.present && (
        <p class="warning" role="alert" data-testid="policy-missing">{t('policyMissingKept')}</p>
      )}
      {status.storageError && (
        <p class="warning" role="alert" data-testid="storage-error">{t('popupStorageError', [status.storageError])}</p>
      )}
      {status.calendarMissingYears.length > 0 && (
        <p class="warning" role="alert">{t('popupCalendarMissing', [status.calendarMissingYears.join(t('listSeparator'))])}</p>
      )}
      {status.ruleErrors.length > 0 && (
        <div class="warning" role="alert" data-testid="rule-errors">
          <p>{t('popupRuleErrors')}</p>
          {/* English detail from the browser's rule engine: for the administrator, not translated. */}
          <ul class="muted-detail">
            {status.ruleErrors.map((e, i) => (
              <li key={i} lang="en">{e}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
