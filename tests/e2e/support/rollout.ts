// The school's side of a rollout, shared by the Chromium and Firefox rollout tests: a
// throwaway signing key, `npm run package`'s own function with the local test server as the
// school's web server, and the admin kit run on the package folder as an administrator would.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageQingfeng, type PackageResult } from '../../../scripts/package/build';
import { newSigningKeyPem } from '../../../scripts/package/key';
import { PACKAGE_FILES } from '../../../scripts/package/layout';
import { CHROME_BUILD, FIREFOX_BUILD, REPO } from './constants';
import type { TestServer } from './server';

/** The school's intranet web server's name; every test browser maps it to 127.0.0.1. */
export const SCHOOL_SERVER = 'intranet.school.test';

/** The version the build was made with (package.json's, through WXT). */
export const BUILD_VERSION = (JSON.parse(readFileSync(join(CHROME_BUILD, 'manifest.json'), 'utf8')) as { version: string }).version;

/** The next version after `version` (its last number plus one). */
export function nextVersion(version: string): string {
  const parts = version.split('.').map(Number);
  parts[parts.length - 1] = (parts[parts.length - 1] ?? 0) + 1;
  return parts.join('.');
}

export class SchoolRollout {
  readonly keyPath: string;
  constructor(
    private readonly work: string,
    private readonly server: TestServer,
  ) {
    this.keyPath = join(work, 'school-key.pem');
    writeFileSync(this.keyPath, newSigningKeyPem(), { mode: 0o600 });
  }

  get baseUrl(): string {
    return this.server.url(SCHOOL_SERVER, '/qingfeng/');
  }

  /** Packs `version` with the school's key into its own folder, as `npm run package` does. */
  async pack(version: string): Promise<PackageResult & { outDir: string }> {
    const outDir = join(this.work, `package-${version}`);
    const result = await packageQingfeng({ chromeBuild: CHROME_BUILD, firefoxBuild: FIREFOX_BUILD, keyPath: this.keyPath, baseUrl: this.baseUrl, outDir, version });
    return { ...result, outDir };
  }

  /** Puts a package's server files on the web server: its updates.xml replaces the one served. */
  publish(pkg: PackageResult & { outDir: string }): void {
    const bytes = (file: string) => readFileSync(join(pkg.outDir, file));
    const types: Record<string, string> = { [PACKAGE_FILES.updatesXml]: 'text/xml', [pkg.ids.crx]: 'application/x-chrome-extension', [pkg.ids.xpi]: 'application/x-xpinstall' };
    for (const [file, type] of Object.entries(types)) {
      const body = bytes(file);
      this.server.routes.set(`/qingfeng/${file}`, () => [200, { 'content-type': type }, body]);
    }
  }

  /** Runs the admin kit (`npm run policy`) on the package folder; returns the output folder. */
  kit(policy: unknown, packageDir: string, extraArgs: string[] = []): string {
    const input = join(this.work, 'policy.json');
    const out = join(this.work, `kit-${Date.now()}`);
    writeFileSync(input, JSON.stringify(policy));
    execFileSync('npx', ['tsx', 'scripts/policy-kit.ts', input, '--package-dir', packageDir, '--out', out, '--lang', 'en', ...extraArgs], { cwd: REPO, stdio: 'pipe' });
    return out;
  }

  /** How many times the server sent `file` (a browser fetching it by itself). */
  fetches(file: string): number {
    return this.server.requests.filter((r) => r.host === SCHOOL_SERVER && r.url.split('?')[0] === `/qingfeng/${file}`).length;
  }
}
