import { useEffect, useState } from 'preact/hooks';
import { Brand } from '@/components/Brand';
import { UnlockForm } from '@/components/UnlockForm';
import { useLang, useT } from '@/components/i18n';
import { errorText } from '@/utils/ui/format';
import { categoryLabel, clockTime, safeHttpUrl, shortenForDisplay } from '@/utils/ui/format';
import type { BlockInfo, UnlockRefusal } from '@/utils/messages/types';
import type { Api } from '@/utils/ui/page-runtime';
import { describeWhen } from '@/utils/time/when';
import { shortenHost } from '@/utils/ui/shorten-host';

export interface BlockedProps {
  api: Pick<Api, 'describeBlock' | 'reportBlocked' | 'requestUnlock'>;
  /** location.hash without '#': the blocked URL as DATA, never markup, never followed unchecked. */
  fragment: string;
  /** performance navigation type: a reload or back/forward is not a new attempt. */
  navigationType: string;
  canGoBack: boolean;
  goBack: () => void;
  navigate: (url: string) => void;
  /**
   * Inside another page's frame (`window.top !== window`, #17): a page may frame the block
   * page under a fake form, so a framed one shows a short note only, reports nothing and
   * offers no unlock.
   */
  framed?: boolean;
  /** The background moved this tab here: the previous history entry is the blocked page itself. */
  blockedBehind?: boolean;
  closeTab?: () => void;
}

type UnlockState = { state: 'idle' } | { state: 'busy' } | { state: 'granted'; until: number; url: string | null } | { state: 'refused'; refusal: UnlockRefusal };

/** Refusals after which the form stays: the teacher can fix the reason or the duration. */
const RETRYABLE: UnlockRefusal[] = ['reasonTooShort', 'tooLong'];

export function Blocked({ api, fragment, navigationType, canGoBack, goBack, navigate, framed = false, blockedBehind = false, closeTab }: BlockedProps) {
  const t = useT();
  const lang = useLang();
  const url = safeHttpUrl(fragment);
  const [info, setInfo] = useState<BlockInfo | null>(null);
  const [attempts, setAttempts] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [unlock, setUnlock] = useState<UnlockState>({ state: 'idle' });

  useEffect(() => {
    if (!url || framed) return;
    const isRepeat = navigationType === 'reload' || navigationType === 'back_forward';
    // Report first, then describe, so the count shown includes this attempt.
    const reported = isRepeat ? Promise.resolve(null) : api.reportBlocked({}).catch(() => null);
    void reported.then((r) =>
      api.describeBlock({ url: fragment }).then(
        (d) => {
          setInfo(d);
          setAttempts(Math.max(d.attemptsToday, r?.attemptsToday ?? 0));
        },
        (e: unknown) => {
          setLoadError(errorText(e));
          if (r) setAttempts(r.attemptsToday);
        },
      ),
    );
  }, []);

  const requestUnlock = (reason: string, minutes: number) => {
    setUnlock({ state: 'busy' });
    api.requestUnlock({ url: fragment, reason, minutes }).then(
      (result) => {
        if (!result.ok) return setUnlock({ state: 'refused', refusal: result.refusal });
        const target = safeHttpUrl(result.url);
        setUnlock({ state: 'granted', until: result.until, url: target ? target.href : null });
        if (target) navigate(target.href);
      },
      (e: unknown) => {
        setLoadError(errorText(e));
        setUnlock({ state: 'idle' });
      },
    );
  };

  if (framed) {
    return (
      <main class="blocked blocked--framed">
        <h1>{t('blockedNeutralHeadline')}</h1>
        <p data-testid="blocked-framed">{t('blockedFramedText')}</p>
      </main>
    );
  }

  // #17: "back" never returns to a blocked entry. After a DNR redirect the previous entry is
  // the page the teacher came from; after the background moved the tab, it is the blocked
  // site itself (from the back/forward cache, scripts still running), so there is no back.
  const wayBack =
    canGoBack && !blockedBehind ? (
      <button type="button" class="button button--secondary" onClick={goBack}>{t('blockedGoBack')}</button>
    ) : (
      <>
        {blockedBehind && <p class="muted" data-testid="blocked-behind">{t('blockedBehindText')}</p>}
        <p class="muted">{t('blockedCloseTab')}</p>
        {closeTab && (
          <button type="button" class="button button--secondary" data-testid="blocked-close" onClick={closeTab}>{t('blockedCloseButton')}</button>
        )}
      </>
    );

  if (!url) {
    return (
      <main class="blocked">
        <Brand />
        <div class="blocked__card">
          <h1>{t('blockedNeutralHeadline')}</h1>
          <p>{t('blockedNeutralText')}</p>
        </div>
        {wayBack}
      </main>
    );
  }

  // A crafted link's host can be 100,000 characters: cut in the middle, keeping the site's name.
  const host = shortenHost(info?.host || url.hostname);
  const when = info && info.reopensAt !== null ? describeWhen(info.reopensAt, info.now) : null;
  const whenText = when ? t(when.key, when.args) : null;
  const shownAttempts = attempts ?? info?.attemptsToday ?? 0;
  const refusal = unlock.state === 'refused' ? unlock.refusal : (info?.unlock.refusal ?? null);
  const formOpen =
    info !== null && info.unlock.enabled && info.unlock.refusal === null && unlock.state !== 'granted' &&
    (unlock.state !== 'refused' || RETRYABLE.includes(unlock.refusal));

  // The popup's language, calm: what this is and when it opens again first, then the
  // school's rule, then what the teacher can do. Refusals are notices, not alarms.
  return (
    <main class="blocked">
      <Brand>{info?.schoolName && <span class="brand__school blocked__school">{info.schoolName}</span>}</Brand>
      <div class="blocked__card">
        <h1>{t('blockedHeadline')}</h1>
        <p class="blocked__host" data-testid="blocked-host">{host}</p>
        {whenText && <p class="blocked__reopens" data-testid="blocked-reopens-line">{t('blockedReopensAt', [whenText])}</p>}
        <p class="url" data-testid="blocked-url">{shortenForDisplay(fragment)}</p>
      </div>
      {loadError && <p class="warning" role="alert">{t('loadFailed', [loadError])}</p>}
      {info && (
        <>
          <dl class="facts">
            <div>
              <dt>{t('blockedCategoryLabel')}</dt>
              <dd data-testid="blocked-category">{categoryLabel(t, info.category, lang)}</dd>
            </div>
            <div>
              <dt>{t('blockedReopensLabel')}</dt>
              <dd data-testid="blocked-reopens">{whenText ?? t('blockedNoReopen')}</dd>
            </div>
            <div>
              <dt>{t('blockedAttemptsLabel')}</dt>
              <dd data-testid="blocked-attempts">{t(shownAttempts === 1 ? 'timesCountOne' : 'timesCount', [String(shownAttempts)])}</dd>
            </div>
          </dl>
          <section class="rule" aria-labelledby="rule-heading">
            <h2 id="rule-heading">{t('blockedWhyHeading')}</h2>
            <p>{t('blockedRule')}</p>
            {info.message && <p data-testid="blocked-message">{info.message}</p>}
          </section>
        </>
      )}
      <section class="next-steps" aria-labelledby="next-heading">
        <h2 id="next-heading">{t('blockedNextHeading')}</h2>
        {wayBack}
      </section>
      {info && (
        <section class="unlock-section" aria-labelledby="unlock-heading">
          <h2 id="unlock-heading">{t('unlockHeading')}</h2>
          {unlock.state === 'granted' && (
            <div role="status" data-testid="unlock-granted">
              <p>{t('unlockGranted', [clockTime(unlock.until)])}</p>
              {unlock.url && (
                <button type="button" class="button" onClick={() => unlock.url && navigate(unlock.url)}>{t('unlockOpenPage')}</button>
              )}
            </div>
          )}
          {refusal && unlock.state !== 'granted' && (
            <p class="notice" role={unlock.state === 'refused' ? 'alert' : undefined} data-testid="unlock-refusal">
              {t(`unlockRefusal_${refusal}`)}
            </p>
          )}
          {!info.unlock.enabled && !refusal && <p class="notice" data-testid="unlock-refusal">{t('unlockRefusal_disabled')}</p>}
          {formOpen && (
            <>
              <p>{t('unlockIntro')}</p>
              <UnlockForm
                maxMinutes={info.unlock.maxMinutes}
                remainingToday={info.unlock.remainingToday}
                maxPerDay={info.unlock.maxPerDay}
                busy={unlock.state === 'busy'}
                onSubmit={requestUnlock}
              />
            </>
          )}
        </section>
      )}
    </main>
  );
}
