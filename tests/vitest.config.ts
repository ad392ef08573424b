import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// One config, two projects: `unit` (Node + fake browser + fake-indexeddb) and
// `e2e` (the built extension in Debian Chromium via playwright-core, and in Firefox ESR via
// puppeteer-core over WebDriver BiDi: tests/e2e/firefox/).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          root: '.',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/unit/setup.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          root: '.',
          include: ['tests/e2e/**/*.test.ts'],
          // One browser at a time: CI has two cores, Chromium wants both.
          fileParallelism: false,
          testTimeout: 60_000,
          // expect.poll's default of 1 s is short for a page that loads Dexie and reads on a
          // loaded 2-core CI machine.
          expect: { poll: { timeout: 10_000 } },
          hookTimeout: 120_000,
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
