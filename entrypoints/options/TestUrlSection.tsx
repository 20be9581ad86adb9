import { useState } from 'preact/hooks';
import { useLang, useT } from '@/components/i18n';
import { errorText } from '@/utils/ui/format';
import { categoryLabel } from '@/utils/ui/format';
import type { UrlDecision } from '@/utils/messages/types';
import type { Api } from '@/utils/ui/page-runtime';
import { describeWhen } from '@/utils/time/when';
import { shortenHost } from '@/utils/ui/shorten-host';

/** Why a URL is (not) blocked, as a _locales key and its arguments. */
function explain(d: UrlDecision): [string, string[]] {
  if (!d.valid) return ['testNotUrl', []];
  if (d.allowedBy === 'allowList') return ['testAllowList', [d.entry ?? d.host]];
  if (d.allowedBy === 'unlock') return ['testUnlocked', []];
  if (!d.category) return ['testNoCategory', []];
  if (d.category.mode === 'off') return ['testCategoryOff', []];
  if (d.category.mode === 'log') return ['testLogged', [d.entry ?? d.host]];
  if (d.blockedNow) return ['testBlockedNow', [d.entry ?? d.host]];
  if (d.blockedInWorkTime) return ['testBlockedInWorkTime', [d.entry ?? d.host]];
  return ['testNotBlocked', []];
}

export function TestUrlSection({ api, now }: { api: Pick<Api, 'testUrl'>; now: () => number }) {
  const t = useT();
  const lang = useLang();
  const [url, setUrl] = useState('');
  const [decision, setDecision] = useState<UrlDecision | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = (e: Event) => {
    e.preventDefault();
    if (!url.trim()) return;
    setError(null);
    api.testUrl({ url: url.trim() }).then(setDecision, (err: unknown) => setError(errorText(err)));
  };

  const when = decision?.nextBoundary != null ? describeWhen(decision.nextBoundary, now()) : null;
  const [key, args] = decision ? explain(decision) : ['', []];
  return (
    <section aria-labelledby="test-heading">
      <h2 id="test-heading">{t('testHeading')}</h2>
      <form class="row" onSubmit={submit}>
        <div class="field field--grow">
          <label for="test-url">{t('testUrlLabel')}</label>
          <input id="test-url" type="text" inputMode="url" value={url} placeholder="https://www.taobao.com/" onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="button">{t('testSubmit')}</button>
      </form>
      {error && <p class="warning" role="alert">{t('loadFailed', [error])}</p>}
      {decision && (
        <div role="status" data-testid="test-result">
          {decision.valid && (
            <dl class="facts">
              <div>
                <dt>{t('testHost')}</dt>
                <dd class="host">{shortenHost(decision.host)}</dd>
              </div>
              <div>
                <dt>{t('blockedCategoryLabel')}</dt>
                <dd>{decision.category ? categoryLabel(t, decision.category, lang) : t('testNoCategoryShort')}</dd>
              </div>
              <div>
                <dt>{t('testBlockedNowLabel')}</dt>
                <dd data-testid="test-blocked-now">{t(decision.blockedNow ? 'valueYes' : 'valueNo')}</dd>
              </div>
            </dl>
          )}
          <p data-testid="test-explanation">{t(key, args)}</p>
          {decision.valid && (
            <p class="muted">
              {t(decision.workTimeNow ? 'popupWorkTimeNow' : 'popupOffTimeNow')}
              <br />
              {when
                ? t(decision.workTimeNow ? 'popupWorkUntil' : 'popupWorkStarts', [t(when.key, when.args)])
                : t(decision.workTimeNow ? 'popupWorkNoEnd' : 'popupNoBoundary')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
