// @vitest-environment happy-dom
// The policy editor's download with the packages' ids.json (issues 13 and 14): the page, as a
// teacher's browser runs it, writes the same files as `npm run policy -- --package-dir`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { unzipSync } from 'fflate';
import { afterEach, expect, test } from 'vitest';
import { DownloadSection } from '@/entrypoints/admin/DownloadSection';
import { parsePolicy } from '@/utils/policy/schema';
import { readTree } from '../support/files';

afterEach(cleanup);

const REPO = join(import.meta.dirname, '../../..');
const IDS = {
  chromeId: 'ecohmeabcdefghijklmnopabcdefghij',
  geckoId: 'qingfeng@qingfeng.school',
  version: '0.1.0',
  baseUrl: 'https://intranet.school.cn/qingfeng/',
  updateUrl: 'https://intranet.school.cn/qingfeng/updates.xml',
  crx: 'qingfeng-0.1.0.crx',
  xpi: 'qingfeng-0.1.0.xpi',
  xpiUrl: 'https://intranet.school.cn/qingfeng/qingfeng-0.1.0.xpi',
  edgeStoreZip: 'edge-store/qingfeng-0.1.0-edge-store.zip',
};

test('ids.json and an unsigned XPI in the editor give the CLI\'s --package-dir --unsigned-xpi files, byte for byte', { timeout: 60_000 }, async () => {
  const example = JSON.parse(readFileSync(join(REPO, 'tests/unit/support/fixtures/design-example-policy.json'), 'utf8')) as unknown;
  const parsed = parsePolicy(example);
  if (!parsed.ok) throw new Error('fixture invalid');
  const dir = mkdtempSync(join(tmpdir(), 'qingfeng-editor-ids-'));
  try {
    mkdirSync(join(dir, 'package'));
    writeFileSync(join(dir, 'package/ids.json'), JSON.stringify(IDS));
    writeFileSync(join(dir, 'p.json'), JSON.stringify(example));
    const cli = spawnSync(join(REPO, 'node_modules/.bin/tsx'), [join(REPO, 'scripts/policy-kit.ts'), 'p.json', '--package-dir', 'package', '--unsigned-xpi', '--out', 'out', '--lang', 'en'], { cwd: dir, encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const files = readTree(join(dir, 'out'));

    let saved: Uint8Array | null = null;
    render(<DownloadSection policy={parsed.policy} download={(_name, bytes) => (saved = bytes)} />);
    const input = screen.getByTestId('ids-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([JSON.stringify(IDS)], 'ids.json', { type: 'application/json' })] });
    fireEvent.change(input);
    await waitFor(() => expect(screen.getByTestId('ids-note').textContent).toContain('editorPackageIdsLoaded'));
    fireEvent.click(screen.getByLabelText('editorUnsignedXpi'));
    fireEvent.click(screen.getByTestId('download'));
    expect(saved).not.toBeNull();
    const page = Object.fromEntries(Object.entries(unzipSync(saved!)).map(([p, b]) => [p.replace(/^qingfeng-policy-out\//, ''), b]));
    expect(Object.keys(page).sort()).toEqual(Object.keys(files).sort());
    for (const [path, bytes] of Object.entries(files)) expect(Buffer.from(page[path] ?? []).equals(Buffer.from(bytes)), path).toBe(true);
    // And the files are addressed to the school's id, not the repository's.
    expect(new TextDecoder().decode(page['linux/chromium/qingfeng.json'])).toContain(IDS.chromeId);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an ids.json that is not one is reported, and nothing can be downloaded', async () => {
  const parsed = parsePolicy({});
  if (!parsed.ok) throw new Error('empty policy invalid');
  render(<DownloadSection policy={parsed.policy} download={() => undefined} />);
  const input = screen.getByTestId('ids-input') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [new File(['{"chromeId":"x"}'], 'ids.json')] });
  fireEvent.change(input);
  await waitFor(() => expect(screen.getByTestId('ids-note').textContent).toContain('editorPackageIdsInvalid'));
  expect((screen.getByTestId('download') as HTMLButtonElement).disabled).toBe(true);
});
