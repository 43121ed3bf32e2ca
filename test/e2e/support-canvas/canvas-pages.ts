/// <reference lib="dom" />
// (The functions passed to page.waitForFunction / evaluateAll run in the browser.)
import type { Page } from 'playwright-core';
import { NODE_TYPE_PREFIX, type N8nInstance } from '../harness';

const UI_TIMEOUT_MS = 120_000;

/** One node on the canvas as the editor drew it. */
export interface CanvasNodeView {
	name: string;
	type: string;
	/** n8n's "install this node" badge, shown when the node type is unknown. */
	notInstalled: boolean;
	/** The "?" n8n draws instead of an icon for an unknown type. */
	iconPlaceholder: boolean;
	/** An image or an inline SVG in the node's icon slot. */
	hasIcon: boolean;
	iconSrc: string | null;
	/** 0 when the icon image did not load. */
	iconNaturalWidth: number;
}

/** What the browser side reads of n8n's Vue app: its router and the workflow the editor holds (both lines). */
interface EditorApp {
	config: {
		globalProperties: {
			$router?: { currentRoute: { value: { path: string } }; push(path: string): Promise<unknown> };
			/** n8n's `workflows` store: `workflowId` on both lines (1.x also has `workflow.id`). */
			$pinia?: { _s: Map<string, { workflowId?: string }> };
		};
	};
}

/**
 * Opens a workflow in the editor. On 2.x, from another workflow, it goes through the editor's own router, as a
 * click in the editor does, instead of loading the whole editor again (each full load fetched and started the
 * editor's scripts anew); 1.123.81's editor does not switch the canvas on a route change alone (tried: it kept
 * showing the previous workflow), so on 1.x, and from anywhere else, it loads the page. Either way it returns
 * once the editor holds that workflow, so what is read next is never the previous workflow's canvas. Leaving the
 * previous one never asks to save (nothing was edited).
 */
export async function openWorkflow(page: Page, n8n: N8nInstance, workflowId: string): Promise<void> {
	page.removeAllListeners('dialog');
	page.on('dialog', (dialog) => void dialog.accept());
	const target = `/workflow/${workflowId}`;
	const inEditor = !n8n.version.startsWith('1.');
	const routed =
		inEditor &&
		(await page.evaluate(async (path) => {
			const app = (document.querySelector('#app') as (Element & { __vue_app__?: EditorApp }) | null)?.__vue_app__;
			const router = app?.config.globalProperties.$router;
			if (!router || !router.currentRoute.value.path.startsWith('/workflow/')) return false;
			await router.push(path);
			return true;
		}, target));
	if (!routed) await page.goto(`${n8n.url}${target}`, { timeout: UI_TIMEOUT_MS });
	await page.waitForFunction(
		(id) => {
			const app = (document.querySelector('#app') as (Element & { __vue_app__?: EditorApp }) | null)?.__vue_app__;
			return app?.config.globalProperties.$pinia?._s.get('workflows')?.workflowId === id && window.location.pathname.endsWith(`/workflow/${id}`);
		},
		workflowId,
		{ timeout: UI_TIMEOUT_MS, polling: 250 },
	);
}

/**
 * Waits until the canvas shows `nodeCount` nodes (sticky notes aside), each with its icon drawn, this
 * package's icon has finished loading (or failing) in `quickBooksNodes` of them, and the view has stopped moving (n8n fits the view
 * to the workflow after opening it).
 */
export async function waitForCanvas(page: Page, nodeCount: number, quickBooksNodes: number): Promise<void> {
	await page.waitForFunction(
		({ count, icons, iconPath }) => {
			const nodes = document.querySelectorAll('[data-test-id="canvas-node"]');
			const images = Array.from(document.querySelectorAll<HTMLImageElement>('[data-test-id="canvas-node"] .n8n-node-icon img')).filter((img) =>
				(img.getAttribute('src') ?? '').includes(iconPath),
			);
			// n8n draws the built-in nodes' icons after the nodes themselves: wait until every icon slot holds an
			// image, an SVG or the unknown-type placeholder (which the test then reports).
			const iconsDrawn = Array.from(nodes).every((node) => node.querySelector('.n8n-node-icon img, .n8n-node-icon svg, .n8n-node-icon [class*="nodeIconPlaceholder"]') !== null);
			return nodes.length === count && iconsDrawn && images.length === icons && images.every((img) => img.complete);
		},
		{ count: nodeCount, icons: quickBooksNodes, iconPath: `/icons/${NODE_TYPE_PREFIX}/` },
		{ timeout: UI_TIMEOUT_MS, polling: 250 },
	);
	await waitForStillViewport(page);
}

/** Waits until the canvas viewport's transform is the same on two polls in a row. */
async function waitForStillViewport(page: Page): Promise<void> {
	await page.waitForFunction(
		() => {
			const viewport = document.querySelector<HTMLElement>('.vue-flow__transformationpane');
			if (!viewport) return false;
			const state = window as unknown as { lastCanvasTransform?: string };
			const transform = window.getComputedStyle(viewport).transform;
			const still = transform !== '' && transform !== 'none' && transform === state.lastCanvasTransform;
			state.lastCanvasTransform = transform;
			return still;
		},
		undefined,
		{ timeout: UI_TIMEOUT_MS, polling: 300 },
	);
}

/** Every node on the canvas with what the editor drew for it. */
export async function canvasNodes(page: Page): Promise<CanvasNodeView[]> {
	return await page.locator('[data-test-id="canvas-node"]').evaluateAll((elements) =>
		elements.map((element) => {
			const icon = element.querySelector('.n8n-node-icon');
			const image = icon?.querySelector('img') ?? null;
			return {
				name: element.getAttribute('data-node-name') ?? '',
				type: element.getAttribute('data-node-type') ?? '',
				notInstalled: element.querySelector('[data-test-id="node-not-installed"]') !== null,
				iconPlaceholder: icon?.querySelector('[class*="nodeIconPlaceholder"]') !== null,
				hasIcon: icon?.querySelector('img, svg') != null,
				iconSrc: image?.getAttribute('src') ?? null,
				iconNaturalWidth: image?.naturalWidth ?? 0,
			};
		}),
	);
}

/**
 * Opens a node (double click), opens its Customer resource locator's list (From List mode) and returns
 * the names it lists once they have loaded.
 */
export async function openCustomerList(page: Page, nodeName: string): Promise<string[]> {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).dblclick({ timeout: UI_TIMEOUT_MS });
	// 2.x names the locator after its parameter; 1.x calls every locator "resource-locator".
	const locator = page.locator('[data-test-id="resource-locator-customer"], [data-test-id="resource-locator"]').first();
	await locator.getByTestId('rlc-input').click({ timeout: UI_TIMEOUT_MS });
	// The list arrives in one answer (up to 100 customers), so the first entry means all of them are there.
	await page.getByTestId('rlc-item').first().waitFor({ timeout: UI_TIMEOUT_MS });
	return (await page.getByTestId('rlc-item').allInnerTexts()).map((text) => text.trim());
}
