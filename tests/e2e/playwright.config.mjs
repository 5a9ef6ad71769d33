// End-to-end tests of the built control against the devserver (real HTTP,
// real SQLite). scripts/test starts the devserver and sets DEVSERVER_URL.
// Chromium is Debian's (/usr/bin/chromium): Playwright never downloads one.
import { defineConfig } from '@playwright/test';

const baseURL = process.env.DEVSERVER_URL;
if (!baseURL) throw new Error('DEVSERVER_URL is not set: run scripts/test');

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs$/,
  outputDir: './test-results',
  // One devserver, one database: tests reset it and run one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
});
