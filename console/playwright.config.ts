import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3400);
export const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium, never a downloaded one; the real local runtime (tests/e2e/runtime.sh) on its own ports.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--disable-gpu', '--disable-quic'],
    },
  },
  webServer: {
    command: 'tests/e2e/runtime.sh',
    url: `${baseURL}/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
