import { browser } from 'wxt/browser';
import { LangContext } from '@/components/i18n';
import { api, mountPage } from '@/utils/ui/page-runtime';
import { parseBlockPageAddress } from '@/utils/navigation/block-page-address';
import { Blocked } from './Blocked';
import '@/components/style.css';

const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
const address = parseBlockPageAddress(browser.runtime.getURL('/blocked.html'), location.href);

mountPage(
  <LangContext.Provider value={browser.i18n.getUILanguage()}>
    <Blocked
      api={api}
      fragment={location.hash.slice(1)}
      navigationType={entry?.type ?? 'navigate'}
      canGoBack={history.length > 1}
      goBack={() => history.back()}
      navigate={(url) => {
        location.href = url;
      }}
      framed={window.top !== window}
      blockedBehind={address?.blockedBehind ?? false}
      closeTab={() =>
        void browser.tabs.getCurrent().then(async (tab) => {
          if (tab?.id !== undefined) await browser.tabs.remove(tab.id);
        })
      }
    />
  </LangContext.Provider>,
  'blockedTitle',
);
