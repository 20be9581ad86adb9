import { ChromiumPolicyFile, launchChromium, waitForRulesInForce } from './support/chromium';
import { chromiumBrowser } from './support/e2e-browser';
import { describeUnlock, UNLOCK_POLICY, UNLOCK_SCHOOL } from './support/unlock-suite';

describeUnlock('Chromium', async () => {
  const policyFile = new ChromiumPolicyFile();
  policyFile.write(UNLOCK_POLICY);
  try {
    const session = await launchChromium({ hosts: ['*'] });
    await waitForRulesInForce(session.worker, UNLOCK_SCHOOL);
    return chromiumBrowser(session, () => policyFile.remove());
  } catch (error) {
    policyFile.remove();
    throw error;
  }
});
