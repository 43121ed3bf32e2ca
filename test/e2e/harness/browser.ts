import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, selectors, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (installed by scripts/n8n/ensure-chromium.sh). */
export const CHROMIUM_PATH = process.env.QBO_SYNC_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a headless Chromium on a machine with no network beyond loopback (see n8n-install.md). */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** A browser with its own fresh profile folder; `close()` removes both. */
export interface EditorBrowser {
	context: BrowserContext;
	close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile (--user-data-dir) and n8n's test-id attribute. */
export async function launchBrowser(): Promise<EditorBrowser> {
	if (!fs.existsSync(CHROMIUM_PATH)) {
		throw new Error(`${CHROMIUM_PATH} is missing: run scripts/n8n/ensure-chromium.sh first`);
	}
	// n8n's editor marks its elements with data-test-id, not playwright's default data-testid.
	selectors.setTestIdAttribute('data-test-id');
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1400, height: 900 },
	});
	return {
		context,
		async close() {
			await context.close();
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}
