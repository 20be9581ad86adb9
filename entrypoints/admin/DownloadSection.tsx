// The CLI's options and the download: the same buildBundle, the same bytes (kit-files.ts).
import { useState } from 'preact/hooks';
import { useT } from '@/components/i18n';
import type { Policy } from '@/utils/policy/schema';
import { buildBundle } from '@/scripts/policy-kit/bundle';
import { isHttpUrl } from '@/scripts/policy-kit/cli-args';
import { kitFiles, kitZip } from '@/scripts/policy-kit/kit-files';

type Props = { policy: Policy | null; download: (filename: string, bytes: Uint8Array) => void };

export const ZIP_NAME = 'qingfeng-policy-out.zip';

export function DownloadSection({ policy, download }: Props) {
  const t = useT();
  const [harden, setHarden] = useState(false);
  const [updateUrl, setUpdateUrl] = useState('');
  const [xpiUrl, setXpiUrl] = useState('');
  const badUpdate = updateUrl.trim() !== '' && !isHttpUrl(updateUrl.trim());
  const badXpi = xpiUrl.trim() !== '' && !isHttpUrl(xpiUrl.trim());
  const ready = policy !== null && !badUpdate && !badXpi;
  const save = () => {
    if (!ready) return;
    const bundle = buildBundle(policy, {
      harden,
      updateUrl: updateUrl.trim() || undefined,
      xpiUrl: xpiUrl.trim() || undefined,
    });
    download(ZIP_NAME, kitZip(kitFiles(bundle)));
  };
  return (
    <section aria-labelledby="download-heading" data-testid="download-section">
      <h2 id="download-heading">{t('editorDownloadHeading')}</h2>
      <p class="muted">{t('editorDownloadHint')}</p>
      <div class="field field--inline">
        <input id="opt-harden" type="checkbox" checked={harden} onChange={(e) => setHarden((e.currentTarget as HTMLInputElement).checked)} />
        <label for="opt-harden">{t('editorHarden')}</label>
      </div>
      <div class="field">
        <label for="opt-update">{t('editorUpdateUrl')}</label>
        <input id="opt-update" type="text" value={updateUrl} onInput={(e) => setUpdateUrl((e.currentTarget as HTMLInputElement).value)} />
        {badUpdate && <p class="error-text">{t('editorUrlInvalid')}</p>}
      </div>
      <div class="field">
        <label for="opt-xpi">{t('editorXpiUrl')}</label>
        <input id="opt-xpi" type="text" value={xpiUrl} onInput={(e) => setXpiUrl((e.currentTarget as HTMLInputElement).value)} />
        {badXpi && <p class="error-text">{t('editorUrlInvalid')}</p>}
      </div>
      <p>
        <button type="button" class="button" disabled={!ready} onClick={save} data-testid="download">
          {t('editorDownload')}
        </button>{' '}
        {policy === null && <span class="muted">{t('editorDownloadBlocked')}</span>}
      </p>
    </section>
  );
}
