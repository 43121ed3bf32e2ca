/**
 * The templates as a user sees them, in a real n8n editor in a real browser: every template opens with
 * every node rendered as its real type (no "?" / "install this node" placeholders), each QuickBooks Sync
 * node shows this package's icon (the image actually loaded), and a QuickBooks Sync node's Customer
 * "From list" dropdown lists the customers of the emulated company. Screenshots of each canvas and of the
 * customer list go to docs/screenshots/ (overwritten on every run).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eVersions, NODE_TYPE_PREFIX, type WorkflowJson } from './harness';
import { launchBrowser, type EditorBrowser } from './harness/browser';
import { REPO_ROOT } from './harness/build-package';
import { signIn } from './harness/editor-pages';
import { canvasNodes, openCustomerList, openWorkflow, waitForCanvas, type CanvasNodeView } from './support-canvas/canvas-pages';
import { rows } from './templates/support/qbo-state';
import { startTemplateEnv, type TemplateEnv } from './templates/support/template-env';
import { configureTemplate, readTemplate, WORKFLOWS_DIR, type TemplateWorkflow } from './templates/support/template-workflow';

const START_MS = 300_000;
const UI_MS = 240_000;
const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const TEMPLATES = fs.readdirSync(WORKFLOWS_DIR).filter((file) => file.endsWith('.json')).sort();
const STICKY_NOTE = 'n8n-nodes-base.stickyNote';

/** Customers added to the emulated company before the list is opened, so the list must come from it. */
const ADDED_CUSTOMERS = ["Zoë's Canvas Café", 'Ørsted Plumbing & Heating'];

/** A one-node workflow: QuickBooks Sync, Invoice → Create, Customer in "From List" mode, nothing picked yet. */
function customerPickerWorkflow(credential: { id: string; name: string }): WorkflowJson {
	return {
		name: 'Pick a customer from the list',
		nodes: [
			{
				id: '3f0c1e55-64c4-4d43-9d0c-2f7c1f4a8a10',
				name: 'Invoice for a Customer',
				type: `${NODE_TYPE_PREFIX}.quickBooksSync`,
				typeVersion: 1,
				position: [0, 0],
				parameters: { resource: 'invoice', operation: 'create', customer: { __rl: true, mode: 'list', value: '' } },
				credentials: { quickBooksSyncOAuth2Api: credential },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** What the canvas should show for a template: every node but the sticky notes, by name and type. */
function expectedNodes(template: TemplateWorkflow): Array<{ name: string; type: string }> {
	return template.nodes
		.filter((node) => node.type !== STICKY_NOTE)
		.map((node) => ({ name: node.name, type: node.type }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

async function screenshot(page: Page, name: string): Promise<void> {
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SCREENSHOTS, name), timeout: UI_MS });
}

describe.each(e2eVersions())('n8n %s: templates on the canvas', (version) => {
	let env: TemplateEnv | undefined;
	let browser: EditorBrowser | undefined;
	let page: Page;

	beforeAll(async () => {
		env = await startTemplateEnv(version, 'us');
		browser = await launchBrowser();
		page = await browser.context.newPage();
		await signIn(page, env.n8n);
	}, START_MS);

	afterAll(async () => {
		await browser?.close();
		await env?.stop();
	}, 60_000);

	/** Runs a browser step; when it fails, keeps what the browser showed (outside the repository). */
	async function inBrowser(label: string, step: () => Promise<void>): Promise<void> {
		try {
			await step();
		} catch (error) {
			const failureShot = path.join(os.tmpdir(), `canvas-n8n-${version}-${label}-failure.png`);
			await page.screenshot({ path: failureShot }).catch(() => undefined);
			throw new Error(`${(error as Error).message}\n(screenshot: ${failureShot})`);
		}
	}

	it.each(TEMPLATES)(
		'%s: every node renders as its real type, QuickBooks nodes with their icon',
		async (file) => {
			const template = readTemplate(file);
			const id = await env!.n8n.importWorkflow(configureTemplate(template, {}, env!.credential));
			const expected = expectedNodes(template);
			const quickBooksNodes = expected.filter((node) => node.type.startsWith(`${NODE_TYPE_PREFIX}.`)).length;
			expect(quickBooksNodes).toBeGreaterThan(0);

			let shown: CanvasNodeView[] = [];
			await inBrowser(file.replace(/\.json$/, ''), async () => {
				await openWorkflow(page, env!.n8n, id);
				await waitForCanvas(page, expected.length, quickBooksNodes);
				shown = await canvasNodes(page);
				await screenshot(page, `canvas-n8n-${version}-${file.replace(/\.json$/, '')}.png`);
			});

			expect(shown.map(({ name, type }) => ({ name, type })).sort((a, b) => a.name.localeCompare(b.name))).toEqual(expected);
			// n8n marks a node whose type it does not know with "node-not-installed" and a "?" icon.
			expect(shown.filter((node) => node.notInstalled || node.iconPlaceholder).map((node) => node.name)).toEqual([]);
			expect(shown.filter((node) => !node.hasIcon).map((node) => node.name)).toEqual([]);
			for (const node of shown.filter((view) => view.type.startsWith(`${NODE_TYPE_PREFIX}.`))) {
				expect({ node: node.name, icon: node.iconSrc }).toEqual({ node: node.name, icon: expect.stringContaining(`/icons/${NODE_TYPE_PREFIX}/`) });
				expect({ node: node.name, loadedWidth: node.iconNaturalWidth > 0 }).toEqual({ node: node.name, loadedWidth: true });
			}
		},
		UI_MS,
	);

	it(
		'tells an unknown node apart: a node type n8n does not have is flagged, the QuickBooks Sync node next to it is not',
		async () => {
			const picker = customerPickerWorkflow(env!.credential);
			const unknown = { id: '9b7d7c0e-0d1f-4c55-9a51-1c0b2d3e4f50', name: 'Not Installed', type: 'n8n-nodes-not-installed.mystery', typeVersion: 1, position: [300, 0], parameters: {} };
			const id = await env!.n8n.importWorkflow({ ...picker, name: 'An unknown node', nodes: [...picker.nodes, unknown] });

			let shown: CanvasNodeView[] = [];
			await inBrowser('unknown-node', async () => {
				await openWorkflow(page, env!.n8n, id);
				await waitForCanvas(page, 2, 1);
				shown = await canvasNodes(page);
			});

			const flagged = (name: string) => shown.find((node) => node.name === name);
			expect(flagged('Not Installed')).toMatchObject({ notInstalled: true, iconPlaceholder: true });
			expect(flagged('Invoice for a Customer')).toMatchObject({ notInstalled: false, iconPlaceholder: false, hasIcon: true });
		},
		UI_MS,
	);

	it(
		"a QuickBooks Sync node's Customer list (From List) shows the emulated company's customers",
		async () => {
			const { n8n, qbo, realmId, credential } = env!;
			for (const name of ADDED_CUSTOMERS) qbo.emulator.accounting.create(realmId, 'Customer', { DisplayName: name });
			// The emulated company's active customers in display-name order, as QuickBooks answers the list's query.
			const inQuickBooks = rows(qbo, realmId, 'SELECT * FROM Customer ORDERBY DisplayName ASC MAXRESULTS 1000').map((row) => String(row.DisplayName));
			expect(inQuickBooks).toEqual(expect.arrayContaining(ADDED_CUSTOMERS));
			const id = await n8n.importWorkflow(customerPickerWorkflow(credential));

			let listed: string[] = [];
			await inBrowser('customer-list', async () => {
				await openWorkflow(page, n8n, id);
				await waitForCanvas(page, 1, 1);
				listed = await openCustomerList(page, 'Invoice for a Customer');
				await screenshot(page, `customer-list-n8n-${version}.png`);
			});

			expect(listed).toEqual(inQuickBooks);
		},
		UI_MS,
	);
});
