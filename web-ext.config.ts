import { defineWebExtConfig } from 'wxt';

// `npm run dev` opens these browsers with the extension loaded (where there is a display).
// On Windows/macOS WXT finds Chrome and Firefox by itself; these are the Debian paths.
export default defineWebExtConfig({
  binaries: {
    chrome: '/usr/bin/chromium',
    firefox: '/usr/bin/firefox-esr',
  },
  chromiumArgs: ['--no-first-run', '--disable-sync'],
});
