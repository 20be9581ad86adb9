// Code passed to worker.evaluate / page.evaluate runs inside the extension, where these exist.
declare const chrome: typeof import('wxt/browser').browser;
declare const browser: typeof import('wxt/browser').browser;
