import { useEffect, useState } from 'preact/hooks';
import { PolicyPanel } from '@/components/PolicyPanel';
import { StatusCard } from '@/components/StatusCard';
import { useT } from '@/components/i18n';
import type { Api } from '@/utils/page-runtime';
import type { StatusResponse } from '@/utils/messages';

export function Options({ api }: { api: Pick<Api, 'getStatus'> }) {
  const t = useT();
  const [status, setStatus] = useState<StatusResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.getStatus({}).then(setStatus, (e: unknown) => setError(String(e)));
  }, [api]);
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      {error && <p class="warning" role="alert">{t('loadFailed', [error])}</p>}
      {!status && !error && <p>{t('loading')}</p>}
      {status && (
        <>
          <StatusCard status={status} />
          <PolicyPanel status={status.policy} />
        </>
      )}
    </main>
  );
}
