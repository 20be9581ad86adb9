import { TEST_HOSTS } from './support/blocking-cases';
import { firefoxBrowser } from './support/e2e-browser';
import { launchFirefox, waitForRulesInForceIn } from './support/firefox';
import { describeUnlock, UNLOCK_POLICY, UNLOCK_SCHOOL } from './support/unlock-suite';

describeUnlock('Firefox', async () => {
  const session = await launchFirefox({ hosts: TEST_HOSTS, managedPolicy: UNLOCK_POLICY });
  try {
    const extensionPage = await session.openExtensionPage('options.html');
    await waitForRulesInForceIn(extensionPage, UNLOCK_SCHOOL);
    await extensionPage.close();
    return firefoxBrowser(session);
  } catch (error) {
    await session.close();
    throw error;
  }
});
