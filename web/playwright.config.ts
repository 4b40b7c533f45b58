import { defineConfig } from '@playwright/test';

const port = Number(process.env.LIVECLASS_E2E_PORT ?? 5180);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './e2e',
  // A whole class with four browsers is a long test on a 2-core machine.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/artifacts',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    launchOptions: {
      // Debian's Chromium; a test tool's own browser download is not available here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `dotnet ../src/LiveClass.Server/bin/Release/net10.0/LiveClass.Server.dll --urls ${baseURL}`,
    url: `${baseURL}/healthz`,
    // Runs from this folder (the config's own); the server finds its wwwroot beside the dll.
    env: {
      LiveClass__PresenceGracePeriod: '00:00:02',
      // Every test's browser comes from one loopback address.
      Limits__ClassCreationsPerMinute: '100000',
      Limits__ClassLookupsPerMinute: '100000',
      Limits__JoinsPerMinute: '100000',
      Limits__MaxConnectionsPerAddress: '100000',
      Limits__HubConnectsPerMinute: '100000',
      // Ports of their own, so a developer's server on the defaults does not collide.
      Cluster__SiloPort: process.env.LIVECLASS_E2E_SILO_PORT ?? '11180',
      Cluster__GatewayPort: process.env.LIVECLASS_E2E_GATEWAY_PORT ?? '30180',
    },
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
