import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// Browsers cannot be downloaded on these machines: use Debian's Chromium when it is there.
const chromium = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.spec.ts',
	globalSetup: './tests/support/playwright-global-setup.ts',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	forbidOnly: !!process.env.CI,
	reporter: [['list'], ['json', { outputFile: '.test-results/playwright.json' }]],
	use: {
		trace: 'retain-on-failure',
		// The app trusts X-Forwarded-For in tests (ADDRESS_HEADER); fixtures give each test its own.
		extraHTTPHeaders: { 'x-forwarded-for': '2001:db8::1' },
		launchOptions: {
			executablePath: chromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update'
			]
		}
	},
	projects: [
		{ name: 'chromium', use: { ...devices['Desktop Chrome'] } },
		{
			name: 'no-javascript',
			use: { ...devices['Desktop Chrome'], javaScriptEnabled: false },
			grep: /@no-js/
		},
		{
			name: 'phone',
			// The narrowest common phone: 360 px wide.
			use: { ...devices['Pixel 7'], viewport: { width: 360, height: 780 } },
			grep: /@phone/
		}
	]
});
