import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BOUNDARY_ALARM, CHECKPOINT_ALARM, UNLOCK_ALARM } from './alarms';
import { reconcile } from './controller';
import { configurationChanged } from './context';
import { handleMessage } from './messages';
import { feedAccounting, focusedTabHost, syncFocus } from './accounting-feed';
import { forgetTab, onBeforeNavigate, onCommitted, onErrorOccurred, onTabUrl } from './navigation';
import { tallyDb } from './tally-db';

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
      // Whoever wrote them, what was derived from the policy or the settings is stale now.
      if (area === 'local' && ('lastGoodPolicy' in changes || 'teacherSettings' in changes)) void configurationChanged();
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
    browser.tabs.onActivated.addListener(() => {
      const at = Date.now();
      void focusedTabHost().then((host) => feedAccounting({ type: 'activeTab', at, host }));
    });
    browser.tabs.onUpdated.addListener((tabId, change, tab) => {
      const at = Date.now();
      if (change.url === undefined) return;
      void onTabUrl(tabId, change.url);
      if (tab.active) void focusedTabHost().then((host) => feedAccounting({ type: 'activeTab', at, host }));
    });
    browser.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
    // What the browser really did in each tab: blocked attempts, visits, the second line (#17).
    browser.webNavigation.onBeforeNavigate.addListener((details) => onBeforeNavigate(details));
    browser.webNavigation.onCommitted.addListener((details) => void onCommitted(details));
    browser.webNavigation.onErrorOccurred.addListener((details) => onErrorOccurred(details));
    browser.windows.onFocusChanged.addListener((windowId) => {
      const at = Date.now();
      if (windowId === browser.windows.WINDOW_ID_NONE) {
        void feedAccounting({ type: 'windowFocus', at, focused: false });
        return;
      }
      void feedAccounting({ type: 'windowFocus', at, focused: true });
      void focusedTabHost().then((host) => feedAccounting({ type: 'activeTab', at, host }));
    });
    browser.runtime.onMessage.addListener(handleMessage);
    // A start for an alarm or an event reads the policy only when the last read is old: a
    // changed policy wakes the worker itself (storage.onChanged).
    void reconcile('service worker start', 'if-stale');
    void tallyDb().then(syncFocus);
  },
});
