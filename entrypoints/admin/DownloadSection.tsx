// The CLI's options and the download: the same buildBundle, the same bytes (kit-files.ts).
import { useState } from 'preact/hooks';
import { useT } from '@/components/i18n';
import type { Policy } from '@/utils/policy/schema';
import { buildBundle } from '@/scripts/policy-kit/bundle';
import { isHttpUrl } from '@/scripts/policy-kit/cli-args';
import { resolveForceInstall } from '@/scripts/policy-kit/force-install';
import { EDGE_ADDONS_UPDATE_URL } from '@/scripts/policy-kit/ids';
import { kitFiles, kitZip } from '@/scripts/policy-kit/kit-files';
import { parsePackageIds, type PackageIds } from '@/scripts/package/ids-file';

type Props = { policy: Policy | null; download: (filename: string, bytes: Uint8Array) => void };

export const ZIP_NAME = 'qingfeng-policy-out.zip';

export function DownloadSection({ policy, download }: Props) {
  const t = useT();
  const [harden, setHarden] = useState(false);
  const [updateUrl, setUpdateUrl] = useState('');
  const [xpiUrl, setXpiUrl] = useState('');
  const [edgeId, setEdgeId] = useState('');
  const [unsignedXpi, setUnsignedXpi] = useState(false);
  // ids.json of `npm run package`: the CLI's --package-dir, so the files go to the school's own id.
  const [ids, setIds] = useState<{ ok: true; ids: PackageIds } | { ok: false; error: string } | null>(null);
  const badUpdate = updateUrl.trim() !== '' && !isHttpUrl(updateUrl.trim());
  const badXpi = xpiUrl.trim() !== '' && !isHttpUrl(xpiUrl.trim());
  const targets = resolveForceInstall(
    { updateUrl: updateUrl.trim() || undefined, xpiUrl: xpiUrl.trim() || undefined, edgeId: edgeId.trim() || undefined },
    ids?.ok ? ids.ids : undefined,
    EDGE_ADDONS_UPDATE_URL,
  );
  const ready = policy !== null && !badUpdate && !badXpi && targets.ok && ids?.ok !== false;
  const save = () => {
    if (!ready || !targets.ok) return;
    const bundle = buildBundle(policy, { harden, unsignedXpi, ...targets.targets });
    download(ZIP_NAME, kitZip(kitFiles(bundle)));
  };
  const openIds = async (file: File | undefined) => setIds(file ? parsePackageIds(await file.text()) : null);
  return (
    <section aria-labelledby="download-heading" data-testid="download-section">
      <h2 id="download-heading">{t('editorDownloadHeading')}</h2>
      <p class="muted">{t('editorDownloadHint')}</p>
      <div class="field field--inline">
        <input id="opt-harden" type="checkbox" checked={harden} onChange={(e) => setHarden((e.currentTarget as HTMLInputElement).checked)} />
        <label for="opt-harden">{t('editorHarden')}</label>
      </div>
      <div class="field">
        <label for="opt-ids">{t('editorPackageIds')}</label>
        <input id="opt-ids" type="file" accept=".json,application/json" data-testid="ids-input" onChange={(e) => void openIds((e.currentTarget as HTMLInputElement).files?.[0])} />
        {ids === null && <p class="muted">{t('editorPackageIdsHint')}</p>}
        {ids?.ok === true && <p class="ok" data-testid="ids-note">{t('editorPackageIdsLoaded', [ids.ids.chromeId, ids.ids.version])}</p>}
        {ids?.ok === false && <p class="error-text" data-testid="ids-note">{t('editorPackageIdsInvalid', [ids.error])}</p>}
      </div>
      <div class="field">
        <label for="opt-edge-id">{t('editorEdgeId')}</label>
        <input id="opt-edge-id" type="text" value={edgeId} onInput={(e) => setEdgeId((e.currentTarget as HTMLInputElement).value)} />
        {!targets.ok && <p class="error-text">{t(targets.error.key, targets.error.args)}</p>}
      </div>
      <div class="field field--inline">
        <input id="opt-unsigned" type="checkbox" checked={unsignedXpi} onChange={(e) => setUnsignedXpi((e.currentTarget as HTMLInputElement).checked)} />
        <label for="opt-unsigned">{t('editorUnsignedXpi')}</label>
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
