import { defineConfig } from 'vitest/config';

// Real-browser tests: one file at a time (2 cores, ~400–500 MB per browser, and the
// managed-policy folder under /etc is shared by every Chromium on the machine).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    env: { TZ: 'Asia/Shanghai' },
  },
});
