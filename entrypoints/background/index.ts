import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
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
    browser.runtime.onMessage.addListener(handleMessage);
    void reconcile('wake');
  },
});
