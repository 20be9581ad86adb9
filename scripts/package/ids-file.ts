// ids.json: who and where the packages are. `npm run package` writes it; the admin kit reads
// it (--package-dir), so every policy file is addressed to the id that follows from the
// school's key, and no one copies ids by hand.
import { z } from 'zod';

const CHROME_ID = /^[a-p]{32}$/;
const httpUrl = z.url({ protocol: /^https?$/ });

export const packageIdsSchema = z.strictObject({
  /** Chrome/Edge id of the self-hosted CRX: follows from the school's key. */
  chromeId: z.string().regex(CHROME_ID),
  geckoId: z.string().min(1),
  version: z.string().min(1),
  /** The folder on the school's server, ending in "/". */
  baseUrl: httpUrl,
  /** `<baseUrl>updates.xml`: the manifest's update_url and the force-install entry's URL. */
  updateUrl: httpUrl,
  crx: z.string().min(1),
  xpi: z.string().min(1),
  xpiUrl: httpUrl,
  edgeStoreZip: z.string().min(1),
});

export type PackageIds = z.infer<typeof packageIdsSchema>;

/** Parses ids.json text; an error names what is wrong, for the admin who reads it. */
export function parsePackageIds(text: string): { ok: true; ids: PackageIds } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const parsed = packageIdsSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
  }
  return { ok: true, ids: parsed.data };
}
