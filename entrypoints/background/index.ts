import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BOUNDARY_ALARM } from './alarms';
import { reconcile } from './controller';
import { handleMessage } from './messages';

export default defineBackground({
  main() {
    // Listeners first and synchronously, so an event that wakes the worker finds its listener.
    browser.runtime.onInstalled.addListener(() => void reconcile('install'));
    browser.runtime.onStartup.addListener(() => void reconcile('startup'));
    browser.storage.onChanged.addListener((_changes, area) => {
      // Chromium re-reads policy while running; Firefox reads managed storage at start-up only.
      if (area === 'managed') void reconcile('policy change');
    });
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === BOUNDARY_ALARM) void reconcile('work-time boundary', false);
    });
    // Back from sleep or a locked screen: the time may have crossed a boundary meanwhile.
    browser.idle.onStateChanged.addListener((state) => {
      if (state === 'active') void reconcile('wake', false);
    });
    browser.runtime.onMessage.addListener(handleMessage);
    void reconcile('service worker start');
  },
});
