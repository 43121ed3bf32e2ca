import type { IDataObject, INodeExecutionData, INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

import { QuickBooksSync } from '../../../nodes/QuickBooksSync/QuickBooksSync.node';
import { startEmulatorForTests, type TestEmulator } from '../../support/emulator';
import { runNode } from '../../support/n8n-context';

export interface RunOptions {
	realmId?: string;
	continueOnFail?: boolean | 'errorOutput';
}

/**
 * One emulator (Intuit's limits off) for the test file, its books emptied before each test.
 * `assign` receives it once started, so the file keeps a plain `qbo` variable.
 */
export function emulatorForFile(assign: (qbo: TestEmulator) => void): void {
	let qbo: TestEmulator | undefined;
	beforeAll(async () => {
		qbo = await startEmulatorForTests({ limits: false });
		assign(qbo);
	});
	afterAll(async () => await qbo?.stop());
	beforeEach(() => qbo?.emulator.accounting.reset());
}

/** Runs the QuickBooks Sync node once over `items` against the emulator; returns its single output. */
export async function runSync(
	qbo: TestEmulator,
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	options: RunOptions = {},
): Promise<INodeExecutionData[]> {
	const { output } = await runNode(QuickBooksSync, {
		credentials: qbo.credentials(options.realmId),
		parameters,
		items,
		continueOnFail: options.continueOnFail,
	});
	return output[0];
}

/** The JSON of each output item. */
export function jsonOf(output: INodeExecutionData[]): IDataObject[] {
	return output.map((item) => item.json);
}

/** Reads records straight from the emulator's accounting layer (the test's view of QuickBooks). */
export function query(qbo: TestEmulator, text: string, realmId = qbo.realms.us): IDataObject[] {
	const response = qbo.emulator.accounting.query(realmId, text) as IDataObject;
	const rows = Object.values(response).find((value) => Array.isArray(value));
	return (rows ?? []) as IDataObject[];
}

/**
 * An admin call, tried twice: fetch may reuse a keep-alive socket the emulator has just closed
 * ("other side closed"), which says nothing about the behaviour under test.
 */
export async function admin<T>(qbo: TestEmulator, path: string, body?: unknown): Promise<T> {
	try {
		return await qbo.admin<T>(path, body);
	} catch (error) {
		if (!/fetch failed/.test(String((error as Error).message))) throw error;
		return await qbo.admin<T>(path, body);
	}
}

/** Requests the emulator counted (GET /__admin/stats), after resetting with `resetStats`. */
export async function stats(qbo: TestEmulator): Promise<{ requests: number; byEndpoint: Record<string, number>; throttled: number; dropped: number }> {
	return await admin(qbo, 'stats');
}

/** Zeroes the emulator's request counters (POST /__admin/stats/reset). */
export async function resetStats(qbo: TestEmulator): Promise<void> {
	await admin(qbo, 'stats/reset', {});
}

/** A customer locator value as n8n stores a resource locator. */
export function locator(mode: 'list' | 'id' | 'name' | 'email', value: string): INodeParameterResourceLocator {
	return { __rl: true, mode, value };
}

/** One line of the Lines fixed collection, by item name, created if missing. */
export function line(itemName: string, quantity: number, rate: number, extra: INodeParameters = {}): INodeParameters {
	return { lineType: 'item', itemBy: 'name', itemName, createItemIfMissing: true, quantity, rate, amount: 0, ...extra };
}

/**
 * A second copy of the node with its own module state (limiters, pacers, transport tuning): a stand-in
 * for another n8n process. Its transport reads the same QBO_SYNC_* test variables as the first copy.
 */
export function nodeOfAnotherProcess(): typeof QuickBooksSync {
	let loaded: typeof QuickBooksSync | undefined;
	jest.isolateModules(() => {
		/* eslint-disable @typescript-eslint/no-require-imports */
		const tuning = require('../../../nodes/shared/transport/tuning') as typeof import('../../../nodes/shared/transport/tuning');
		const env = require('../../support/transport-tuning-env') as typeof import('../../support/transport-tuning-env');
		tuning.setTransportTuning(() => env.tuningFromEnv(process.env));
		loaded = (require('../../../nodes/QuickBooksSync/QuickBooksSync.node') as { QuickBooksSync: typeof QuickBooksSync }).QuickBooksSync;
		/* eslint-enable @typescript-eslint/no-require-imports */
	});
	return loaded!;
}
