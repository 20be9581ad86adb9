import { useEffect, useState } from 'preact/hooks';
import { StatusCard } from '@/components/StatusCard';
import { useT } from '@/components/i18n';
import type { Api } from '@/utils/page-runtime';
import type { StatusResponse } from '@/utils/messages';

export function Popup({ api, openOptions }: { api: Pick<Api, 'getStatus'>; openOptions: () => void }) {
  const t = useT();
  const [status, setStatus] = useState<StatusResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.getStatus({}).then(setStatus, (e: unknown) => setError(String(e)));
  }, [api]);
  return (
    <main class="popup">
      {error ? <p class="warning" role="alert">{t('loadFailed', [error])}</p> : status ? <StatusCard status={status} /> : <p>{t('loading')}</p>}
      <button type="button" class="link" onClick={openOptions}>{t('popupOpenOptions')}</button>
    </main>
  );
}
