import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// Unit and component tests run in Node. The schedule is local time, so every test
// runs in the schools' time zone whatever the machine says.
process.env.TZ = 'Asia/Shanghai';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'utils/**/*.test.ts', 'components/**/*.test.tsx'],
    setupFiles: ['tests/unit/setup.ts'],
    environment: 'node',
    env: { TZ: 'Asia/Shanghai' },
  },
});
