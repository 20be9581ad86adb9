import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';
import { lazyDexie } from './scripts/lazy-dexie';

// Unit and component tests run in Node. The schedule is local time, so every test
// runs in the schools' time zone whatever the machine says.
process.env.TZ = 'Asia/Shanghai';

export default defineConfig({
  // lazyDexie: utils/tallies/db.ts loads Dexie through it, in the tests as in the build.
  plugins: [WxtVitest(), lazyDexie()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/unit/support/setup.ts'],
    environment: 'node',
    env: { TZ: 'Asia/Shanghai' },
  },
});
