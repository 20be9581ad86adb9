import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '@/components/i18n';
import { errorText } from '@/utils/ui/format';
import type { Api } from '@/utils/ui/page-runtime';

type DeleteState = { state: 'idle' } | { state: 'confirm' } | { state: 'busy' } | { state: 'done' } | { state: 'locked' } | { state: 'error'; message: string };

export function DataSection({ api, retentionDays, recordOtherHosts }: { api: Pick<Api, 'deleteAllData'>; retentionDays: number; recordOtherHosts: boolean }) {
  const t = useT();
  const [del, setDel] = useState<DeleteState>({ state: 'idle' });
  // The delete button gives way to the confirm step: keep the keyboard focus there, on the safe choice.
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (del.state === 'confirm') cancelRef.current?.focus();
  }, [del.state]);
  const confirm = () => {
    setDel({ state: 'busy' });
    api.deleteAllData({}).then(
      (r) => setDel(r.ok ? { state: 'done' } : { state: 'locked' }),
      (e: unknown) => setDel({ state: 'error', message: errorText(e) }),
    );
  };
  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">{t('dataHeading')}</h2>
      <h3>{t('dataRecordedHeading')}</h3>
      <ul>
        <li>{t('dataRecordedWorkTime')}</li>
        <li>{t('dataRecordedPerHost')}</li>
        <li>{t(recordOtherHosts ? 'dataRecordedOtherHostsNamed' : 'dataRecordedOtherHosts')}</li>
        <li>{t('dataRecordedEvents')}</li>
      </ul>
      <h3>{t('dataNotRecordedHeading')}</h3>
      <ul>
        <li>{t('dataNotRecordedPages')}</li>
        <li>{t('dataNotRecordedOffTime')}</li>
        <li>{t('dataNothingLeaves')}</li>
      </ul>
      <p data-testid="retention">{t('dataRetention', [String(retentionDays)])}</p>

      <h3>{t('dataDeleteHeading')}</h3>
      {del.state === 'idle' && (
        <button type="button" class="button button--danger" onClick={() => setDel({ state: 'confirm' })}>{t('dataDelete')}</button>
      )}
      {(del.state === 'confirm' || del.state === 'busy') && (
        <div class="confirm" data-testid="delete-confirm">
          <p id="delete-confirm-text">{t('dataDeleteConfirmText')}</p>
          <p class="row">
            <button type="button" class="button button--danger" disabled={del.state === 'busy'} onClick={confirm}>{t('dataDeleteConfirm')}</button>
            <button type="button" ref={cancelRef} class="button button--secondary" onClick={() => setDel({ state: 'idle' })}>{t('cancel')}</button>
          </p>
        </div>
      )}
      {del.state === 'done' && <p role="status" class="ok">{t('dataDeleted')}</p>}
      {del.state === 'locked' && <p class="warning" role="alert" data-testid="delete-locked">{t('dataDeleteLocked')}</p>}
      {del.state === 'error' && <p class="warning" role="alert">{t('loadFailed', [del.message])}</p>}
    </section>
  );
}
