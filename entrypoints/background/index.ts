import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BOUNDARY_ALARM, CHECKPOINT_ALARM, UNLOCK_ALARM } from './alarms';
import { reconcile } from './controller';
import { configurationChanged } from './context';
import { lastGoodPolicy } from './storage';
import { handleMessage } from './messages';
import { feedAccounting, focusedTabHost, syncFocus } from './accounting-feed';
import { forgetTab, onBeforeNavigate, onCommitted, onErrorOccurred, onTabUrl, type NavigationDetails } from './navigation';
import { registration, startListeningToNavigation } from './navigation-listeners';

type OnUpdated = (tabId: number, change: { url?: string }, tab: { active: boolean }) => void;

const IDLE_SECONDS = 60;

export default defineBackground({
  main() {
    // Listeners first and synchronously, so an event that wakes the worker finds its listener.
    // An update may bring other lists or defaults: what was derived from the configuration goes.
    browser.runtime.onInstalled.addListener(() => void configurationChanged().then(() => reconcile('install')));
    browser.runtime.onStartup.addListener(() => void reconcile('startup'));
    browser.storage.onChanged.addListener((changes, area) => {
      // Chromium re-reads policy while running; Firefox reads managed storage at start-up only.
      if (area === 'managed') void reconcile('policy change');
      // Whoever wrote them, what was derived from the policy or the settings is stale now;
      // except the policy this worker wrote itself, which the reconcile applied as written: the
      // browser may deliver that event after the configuration was built, and deriving it again
      // would build a 113k-domain index a second time.
      if (area !== 'local') return;
      const policy = 'lastGoodPolicy' in changes && !lastGoodPolicy.isOwnWrite(changes.lastGoodPolicy.newValue);
      if (policy || 'teacherSettings' in changes) void configurationChanged();
    });
    browser.alarms.onAlarm.addListener((alarm) => {
      const at = Date.now();
      if (alarm.name === BOUNDARY_ALARM || alarm.name === CHECKPOINT_ALARM) void feedAccounting({ type: 'tick', at });
      if (alarm.name === BOUNDARY_ALARM) void reconcile('work-time boundary', false);
      if (alarm.name === UNLOCK_ALARM) void reconcile('unlock expiry', false);
    });
    browser.idle.setDetectionInterval(IDLE_SECONDS);
    browser.idle.onStateChanged.addListener((state) => {
      void feedAccounting({ type: 'idle', at: Date.now(), idle: state !== 'active' });
      // Back from sleep or a locked screen: the time may have crossed a boundary meanwhile.
      if (state === 'active') void reconcile('wake', false);
    });
    // The credited tab is the active tab of the focused window, whichever window an event is in.
    const activeTabChanged = (at: number) => void focusedTabHost().then((host) => feedAccounting({ type: 'activeTab', at, host }));
    browser.tabs.onActivated.addListener(() => activeTabChanged(Date.now()));
    browser.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
    // What the browser really did in each tab: blocked attempts, visits, the second line (#17).
    // In work time only: a reconcile that finds the time off work removes them (navigation-listeners.ts).
    const navigation = [
      registration(browser.webNavigation.onBeforeNavigate, (details: NavigationDetails) => onBeforeNavigate(details)),
      registration(browser.webNavigation.onCommitted, (details: NavigationDetails) => {
        const at = Date.now();
        void onCommitted(details);
        // A new document in a top frame is where Chromium's tab changes host (see below).
        if (!import.meta.env.FIREFOX && details.frameId === 0 && details.documentLifecycle !== 'prerender') activeTabChanged(at);
      }),
      registration(browser.webNavigation.onErrorOccurred, (details: NavigationDetails) => onErrorOccurred(details)),
    ];
    if (import.meta.env.FIREFOX) {
      // Firefox may restore a page from its back/forward cache without onCommitted: a tab's
      // URL change is the signal there (asked for URL changes only).
      const onUpdated = browser.tabs.onUpdated as unknown as {
        addListener(cb: OnUpdated, filter: { properties: string[] }): void;
        removeListener(cb: OnUpdated): void;
      };
      const urlChanged: OnUpdated = (tabId, change, tab) => {
        const at = Date.now();
        if (change.url === undefined) return;
        void onTabUrl(tabId, change.url);
        if (tab.active) activeTabChanged(at);
      };
      navigation.push(registration(onUpdated, urlChanged, { properties: ['url'] }));
    } else {
      // Chromium reports every new document with onCommitted (a page from its back/forward
      // cache and a prerender's activation too), and a URL changed within one with these two:
      // tabs.onUpdated, which fires several times for every page load, is not needed (#16).
      const inPage = (details: { tabId: number; frameId: number; url: string }) => {
        if (details.frameId === 0) void onTabUrl(details.tabId, details.url);
      };
      navigation.push(registration(browser.webNavigation.onHistoryStateUpdated, inPage), registration(browser.webNavigation.onReferenceFragmentUpdated, inPage));
    }
    startListeningToNavigation(navigation);
    browser.windows.onFocusChanged.addListener((windowId) => {
      const at = Date.now();
      if (windowId === browser.windows.WINDOW_ID_NONE) {
        void feedAccounting({ type: 'windowFocus', at, focused: false });
        return;
      }
      void feedAccounting({ type: 'windowFocus', at, focused: true });
      activeTabChanged(at);
    });
    browser.runtime.onMessage.addListener(handleMessage);
    // A start for an alarm or an event reads the policy only when the last read is old: a
    // changed policy wakes the worker itself (storage.onChanged).
    void reconcile('service worker start', 'if-stale');
    // The tallies database opens when first used (a wake that credits nothing opens it not at all, #16).
    void syncFocus();
  },
});
