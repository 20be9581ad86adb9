import { afterEach, describe, expect, test } from 'vitest';
import type { PolicyStatus } from '@/utils/policy/status';
import { ChromiumPolicyFile, launchChromium, readLocal, type ChromiumSession } from './support/chromium';
import { waitFor } from './support/poll';
import { cleanUp } from './support/cleanup';

const SCHOOL = '北票市第七初级中学';

describe('Chromium: the built extension loads and reads its managed policy', () => {
  const policyFile = new ChromiumPolicyFile();
  let session: ChromiumSession | undefined;
  afterEach(async () => {
    await cleanUp(() => session?.close(), () => policyFile.remove());
    session = undefined;
  });

  test('a policy in /etc/chromium/policies/managed is read and parsed, and Chrome accepts managed_schema.json', async () => {
    policyFile.write({ schoolName: SCHOOL, retentionDays: 90 });
    session = await launchChromium();
    const manifest = await session.worker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.storage?.managed_schema).toBe('managed_schema.json');

    const status = await waitFor('the policy status', async () => {
      const s = await readLocal<PolicyStatus>(session!.worker, 'policyStatus');
      return s?.present ? s : undefined;
    });
    expect(status).toMatchObject({ present: true, valid: true, errors: [] });
    expect(await readLocal(session.worker, 'lastGoodPolicy')).toMatchObject({ schoolName: SCHOOL, retentionDays: 90 });
    // Kept as its JSON text (issue 16): one string for the browser to copy, not a list to convert.
    expect(await session.worker.evaluate(async () => typeof (await chrome.storage.local.get('lastGoodPolicy')).lastGoodPolicy)).toBe('string');

    // The popup asks once (#16), and early: popup-request.js sends getPopup while the page loads.
    const popup = await session.context.newPage();
    // As text: the test runner would wrap named functions in a helper the page does not have.
    await popup.addInitScript({
      content: `var sent = (window.qfSent = []);
        var original = chrome.runtime.sendMessage.bind(chrome.runtime);
        chrome.runtime.sendMessage = function (message) { sent.push(message.type); return original(message); };`,
    });
    await popup.goto(session.extensionUrl('popup.html'));
    await expect.poll(() => popup.locator('.status__school').textContent()).toBe(SCHOOL);
    await expect.poll(() => popup.getByTestId('work-status').textContent()).toMatch(/工作时间/);
    expect(await popup.evaluate(() => (window as unknown as { qfSent: string[] }).qfSent)).toEqual(['getPopup']);
  });

  test('an invalid policy is reported with its path and the built-in defaults stay in force', async () => {
    // Values of the right JSON type, so Chrome's managed_schema lets them through, but invalid
    // for Qingfeng: the extension must report them itself.
    // com.cn is a public suffix: the background decides that from its public-suffixes.txt (#16).
    policyFile.write({ schedule: { weekly: { mon: ['08:00-07:00'] } }, retentionDays: 99999, categories: { shopping: { add: ['com.cn'] } } });
    session = await launchChromium();
    const status = await waitFor('the policy status', async () => {
      const s = await readLocal<PolicyStatus>(session!.worker, 'policyStatus');
      return s?.present ? s : undefined;
    });
    expect(status.valid).toBe(false);
    expect(status.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['schedule.weekly.mon[0]', 'retentionDays']));
    expect(status.errors).toContainEqual({ path: 'categories.shopping.add[0]', key: 'policyErrHostPublicSuffix', args: ['com.cn'] });
    // No last good policy: the built-in defaults (an unset storage item) stay in force.
    expect((await readLocal(session.worker, 'lastGoodPolicy')) ?? null).toBeNull();

    const options = await session.openExtensionPage('options.html#policy');
    await expect.poll(() => options.getByTestId('policy-errors').textContent()).toContain('schedule.weekly.mon[0]');
  });
});
