import { afterEach, describe, expect, test } from 'vitest';
import type { PolicyStatus } from '@/utils/policy/status';
import { launchFirefox, readLocalIn, type FirefoxSession } from './support/firefox';
import { waitFor } from './support/poll';

const SCHOOL = '北票市第七初级中学';

describe('Firefox: the built extension loads and reads its managed policy', () => {
  let session: FirefoxSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  test('a policy in the managed-storage manifest is read and parsed', async () => {
    // www. is dropped only where the rest is no public suffix: the background's public-suffixes.txt (#16).
    session = await launchFirefox({ managedPolicy: { schoolName: SCHOOL, retentionDays: 90, allow: ['www.smartedu.cn', 'www.com.cn'] } });
    const page = await session.openExtensionPage('popup.html');
    const status = await waitFor('the policy status', async () => {
      const s = (await page.evaluate(async () => (await browser.storage.local.get('policyStatus')).policyStatus)) as PolicyStatus | undefined;
      return s?.present ? s : undefined;
    });
    expect(status).toMatchObject({ present: true, valid: true, errors: [] });
    const policy = await readLocalIn(page, 'lastGoodPolicy');
    expect(policy).toMatchObject({ schoolName: SCHOOL, retentionDays: 90, allow: ['smartedu.cn', 'www.com.cn'] });
    const popup = await session.openExtensionPage('popup.html');
    const school = await waitFor('the school name in the popup', () =>
      popup.evaluate(() => document.querySelector('.status__school')?.textContent ?? undefined),
    );
    expect(school).toBe(SCHOOL);
  });

  test('with no managed-storage manifest the defaults apply and no error is shown', async () => {
    session = await launchFirefox();
    const page = await session.openExtensionPage('options.html');
    const status = await waitFor('the policy status', async () => {
      const s = (await page.evaluate(async () => (await browser.storage.local.get('policyStatus')).policyStatus)) as PolicyStatus | undefined;
      return s?.readAt ? s : undefined;
    });
    expect(status).toMatchObject({ present: false, valid: true, readError: null });
  });
});
