import type { PolicyStatus } from '@/utils/policy/status';
import { useT } from './i18n';

export function PolicyPanel({ status }: { status: PolicyStatus }) {
  const t = useT();
  return (
    <section aria-labelledby="policy-heading" data-testid="policy-panel">
      <h2 id="policy-heading">{t('optionsPolicyHeading')}</h2>
      <p data-testid="policy-state">
        {status.lastGoodKept && !status.present
          ? t('policyMissingKept')
          : !status.present
            ? t('policyAbsent')
            : status.valid
              ? t('policyValid')
              : t('policyInvalid')}
      </p>
      {status.errors.length > 0 && (
        <ul class="errors" data-testid="policy-errors">
          {status.errors.map((error) => (
            <li key={`${error.path}:${error.key}`}>
              <code>{error.path || '(policy)'}</code> {t(error.key, error.args)}
            </li>
          ))}
        </ul>
      )}
      {status.readError && <p class="warning">{t('policyUnreadable', [status.readError])}</p>}
      {status.readAt !== null && <p class="muted">{t('policyReadAt', [new Date(status.readAt).toLocaleString()])}</p>}
    </section>
  );
}
