import { browser } from 'wxt/browser';
import { LangContext } from '@/components/i18n';
import { api, mountPage } from '@/utils/ui/page-runtime';
import { Blocked } from './Blocked';
import '@/components/style.css';

const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;

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
    />
  </LangContext.Provider>,
  'blockedTitle',
);
