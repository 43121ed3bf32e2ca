/**
 * A user connects QuickBooks in a real n8n editor, in a real browser: creates a "QuickBooks Sync OAuth2
 * API" credential pointing at the emulator, presses Connect, the OAuth popup runs against the emulator,
 * and n8n stores tokens that the emulator accepts. Also: a credential imported with token data (what
 * the workflow tests use) is stored as given. Screenshots go to docs/screenshots/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import { e2eVersions, useSharedN8n, type N8nInstance } from './harness';
import { REPO_ROOT } from './harness/build-package';
import { launchBrowser, type EditorBrowser } from './harness/browser';
import { chooseOption, connectOAuth, fillParameter, openNewCredential, signIn } from './harness/editor-pages';
import { connectedQuickBooksCredential, QUICKBOOKS_CREDENTIAL_TYPE } from './harness/quickbooks-credential';

const START_MS = 300_000;
const UI_FLOW_MS = 180_000;
const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

interface StoredTokenData {
	access_token?: string;
	refresh_token?: string;
	callbackQueryString?: { realmId?: string };
}

/** Calls the emulator's QuickBooks API the way a node would, returning the HTTP status. */
async function companyInfoStatus(emulator: RunningEmulator, realmId: string, accessToken: string): Promise<number> {
	const response = await fetch(`${emulator.url}/v3/company/${realmId}/companyinfo/${realmId}?minorversion=75`, {
		headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
	});
	await response.arrayBuffer();
	return response.status;
}

async function screenshot(page: Page, name: string): Promise<void> {
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SCREENSHOTS, name) });
}

describe.each(e2eVersions())('n8n %s: connecting QuickBooks', (version) => {
	let emulator: RunningEmulator | undefined;
	let n8n: N8nInstance | undefined;
	let browser: EditorBrowser | undefined;

	beforeAll(async () => {
		emulator = await startEmulator({ quiet: true });
		n8n = await useSharedN8n(version);
		browser = await launchBrowser();
	}, START_MS);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
		await emulator?.stop();
	}, 60_000);

	it(
		'connects through the editor: Custom environment, Connect, the OAuth popup, tokens the emulator accepts',
		async () => {
			const page = await browser!.context.newPage();
			// When a step fails, keep what the browser showed (outside the repository) for the report.
			const failureShot = path.join(os.tmpdir(), `oauth-connect-n8n-${version}-failure.png`);
			try {
				await connectThroughEditor(page);
			} catch (error) {
				await page.screenshot({ path: failureShot }).catch(() => undefined);
				throw new Error(`${(error as Error).message}\n(screenshot: ${failureShot})`);
			}
		},
		UI_FLOW_MS,
	);

	/** The user's steps, then what n8n stored and whether the emulator accepts it. */
	async function connectThroughEditor(page: Page): Promise<void> {
		await signIn(page, n8n!);
		const modal = await openNewCredential(page, n8n!, 'QuickBooks Sync OAuth2 API');
		await fillParameter(modal, 'clientId', emulator!.demoClient.clientId);
		await fillParameter(modal, 'clientSecret', emulator!.demoClient.clientSecret);
		await chooseOption(page, modal, 'environment', 'Custom');
		await fillParameter(modal, 'customOAuthBaseUrl', emulator!.url);
		await fillParameter(modal, 'customApiBaseUrl', emulator!.url);
		await screenshot(page, `oauth-connect-n8n-${version}-form.png`);

		await connectOAuth(page, modal);

		const connected = modal.getByTestId('oauth-connect-success-banner');
		await connected.waitFor({ state: 'visible', timeout: 60_000 });
		expect(await connected.innerText()).toContain('Account connected');
		await screenshot(page, `oauth-connect-n8n-${version}-connected.png`);

		// What n8n stored: the emulator's tokens and the realm the consent picked.
		const list = await n8n!.rest.get<{ data: Array<{ id: string; type: string }> }>('/credentials');
		const mine = list.data.filter((credential) => credential.type === QUICKBOOKS_CREDENTIAL_TYPE);
		expect(mine).toHaveLength(1);
		const stored = await n8n!.exportCredential(mine[0].id);
		expect(stored.data).toMatchObject({
			environment: 'custom',
			customOAuthBaseUrl: emulator!.url,
			customApiBaseUrl: emulator!.url,
			clientId: emulator!.demoClient.clientId,
		});
		const tokens = stored.data.oauthTokenData as StoredTokenData;
		expect(tokens.callbackQueryString?.realmId).toBe(emulator!.realms.us);
		expect(typeof tokens.access_token).toBe('string');
		expect(await companyInfoStatus(emulator!, emulator!.realms.us, tokens.access_token!)).toBe(200);
		// And the token is bound to that company: another realm refuses it.
		expect(await companyInfoStatus(emulator!, emulator!.realms.ca, tokens.access_token!)).toBe(403);
		await page.close();
	}

	it(
		'stores a credential imported with token data from the emulator, as the workflow tests do',
		async () => {
			const tokens = emulator!.issueTokens(emulator!.realms.ca);
			const id = await n8n!.importCredential(
				connectedQuickBooksCredential({
					name: 'QuickBooks CA (imported)',
					emulatorUrl: emulator!.url,
					clientId: emulator!.demoClient.clientId,
					clientSecret: emulator!.demoClient.clientSecret,
					realmId: emulator!.realms.ca,
					tokens,
				}),
			);
			const listed = await n8n!.rest.get<{ data: Array<{ id: string; type: string; name: string }> }>('/credentials');
			expect(listed.data.find((credential) => credential.id === id)).toMatchObject({
				type: QUICKBOOKS_CREDENTIAL_TYPE,
				name: 'QuickBooks CA (imported)',
			});
			const stored = await n8n!.exportCredential(id);
			const tokenData = stored.data.oauthTokenData as StoredTokenData;
			expect(tokenData.access_token).toBe(tokens.access_token);
			expect(tokenData.callbackQueryString?.realmId).toBe(emulator!.realms.ca);
			expect(await companyInfoStatus(emulator!, emulator!.realms.ca, tokenData.access_token!)).toBe(200);
		},
		UI_FLOW_MS,
	);
});
