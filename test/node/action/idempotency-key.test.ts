import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { keyDigest } from '../../../nodes/QuickBooksSync/actions/common/idempotencyKey';
import { QuickBooksSync } from '../../../nodes/QuickBooksSync/QuickBooksSync.node';
import type { TestEmulator } from '../../support/emulator';
import { runNode } from '../../support/n8n-context';
import { admin, emulatorForFile, jsonOf, line, locator, nodeOfAnotherProcess, query, runSync } from './helpers';

/**
 * Issue 16: a trigger event that reaches the workflow twice (a webhook delivered to two webhook
 * processors, a poll repeated after a restart) carries the same eventKey; the action's Idempotency Key
 * turns it into the business key of the exactly-once mechanisms, so executions of one event at the
 * same moment, on two "processes" (isolated module copies), have ONE effect in QuickBooks.
 */

jest.setTimeout(300_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

const OtherProcess = nodeOfAnotherProcess();

/** An event key as the triggers emit it. */
const eventKeyOf = (tag: string) => `${qbo.realms.us}:Estimate:${tag}:created:2026-12-07T14:00:00.000Z`;

async function configure(duplicates: 'refuse' | 'allow'): Promise<void> {
	// Writes wait 120 ms inside the emulator, so the executions' reads and writes really interleave.
	await admin(qbo, 'config', { writeLatencyMs: 120, duplicateDocNumbers: { [qbo.realms.us]: duplicates } });
}

/** `count` executions at once, alternating between this module copy and the other "process". */
async function atOnce(count: number, parameters: INodeParameters, items: IDataObject[] = [{}]): Promise<{ failed: string[]; outputs: IDataObject[] }> {
	const credentials = qbo.credentials();
	const settled = await Promise.allSettled(
		Array.from({ length: count }, async (_, index) => {
			const NodeClass = (index % 2 === 0 ? QuickBooksSync : OtherProcess) as typeof QuickBooksSync;
			return (await runNode(NodeClass, { credentials, parameters, items })).output[0];
		}),
	);
	return {
		failed: settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => String((s.reason as Error).message)),
		outputs: settled.filter((s): s is PromiseFulfilledResult<INodeExecutionData[]> => s.status === 'fulfilled').flatMap((s) => jsonOf(s.value)),
	};
}

function invoiceCreate(idempotencyKey: string): INodeParameters {
	return {
		resource: 'invoice',
		operation: 'create',
		customer: locator('name', 'Event Customer'),
		createCustomerIfMissing: true,
		idempotencyKey,
		ifExists: 'skip',
		lines: { line: [line('Event Work', 1, 100)] },
		newItemSettings: { incomeAccountId: '1' },
	};
}

describe('document Create with an Idempotency Key (no Document Number)', () => {
	for (const duplicates of ['refuse', 'allow'] as const) {
		for (const count of [2, 5]) {
			it(`${count} executions of one event at once, duplicate numbers ${duplicates === 'refuse' ? 'refused' : 'allowed'}: one invoice, none failed`, async () => {
				await configure(duplicates);
				const key = eventKeyOf(`${duplicates}-${count}`);
				const outcome = await atOnce(count, invoiceCreate(key));
				expect(outcome.failed).toEqual([]);
				const stored = query(qbo, `SELECT * FROM Invoice WHERE DocNumber = '${keyDigest(key)}'`);
				expect(stored).toHaveLength(1);
				expect(query(qbo, 'SELECT * FROM Invoice')).toHaveLength(1);
				expect(outcome.outputs.map((out) => out.Id)).toEqual(outcome.outputs.map(() => stored[0].Id));
				expect(outcome.outputs.filter((out) => out._action === 'created')).toHaveLength(1);
				expect(outcome.outputs.filter((out) => out._action === 'skipped')).toHaveLength(count - 1);

				// The same event again later (a repeat after a restart): still one invoice.
				const [replay] = jsonOf(await runSync(qbo, invoiceCreate(key)));
				expect(replay).toMatchObject({ _action: 'skipped', Id: stored[0].Id });
				expect(query(qbo, 'SELECT * FROM Invoice')).toHaveLength(1);
			});
		}
	}

	it('two different events at once make two invoices (the key tells events apart)', async () => {
		await configure('allow');
		const outcome = await Promise.all([
			runNode(QuickBooksSync, { credentials: qbo.credentials(), parameters: invoiceCreate(eventKeyOf('a')) }),
			runNode(OtherProcess as typeof QuickBooksSync, { credentials: qbo.credentials(), parameters: invoiceCreate(eventKeyOf('b')) }),
		]);
		expect(outcome.map((run) => run.output[0][0].json._action)).toEqual(['created', 'created']);
		expect(query(qbo, 'SELECT * FROM Invoice').map((invoice) => invoice.DocNumber).sort()).toEqual([keyDigest(eventKeyOf('a')), keyDigest(eventKeyOf('b'))].sort());
	});

	it('a Document Number given wins over the key; an overlong key fails naming the field', async () => {
		await configure('refuse');
		const [given] = jsonOf(await runSync(qbo, { ...invoiceCreate(eventKeyOf('c')), docNumber: 'WO-1' }));
		expect(given.DocNumber).toBe('WO-1');
		const [bad] = jsonOf(await runSync(qbo, invoiceCreate('x'.repeat(1001)), [{}], { continueOnFail: true }));
		expect(String(bad.error)).toContain('idempotencyKey');
		expect(query(qbo, 'SELECT * FROM Invoice')).toHaveLength(1);
	});
});

describe('payment Create with an Idempotency Key (no Reference Number)', () => {
	async function invoice(docNumber: string): Promise<IDataObject> {
		return jsonOf(await runSync(qbo, { ...invoiceCreate(''), docNumber }))[0];
	}
	const paymentsOf = (invoiceId: string) => {
		const stored = query(qbo, `SELECT * FROM Invoice WHERE Id = '${invoiceId}'`)[0];
		const ids = ((stored.LinkedTxn ?? []) as IDataObject[]).filter((link) => link.TxnType === 'Payment').map((link) => `'${String(link.TxnId)}'`);
		return ids.length ? query(qbo, `SELECT * FROM Payment WHERE Id IN (${ids.join(',')})`) : [];
	};

	for (const keyField of ['PaymentRefNum', 'PrivateNote'] as const) {
		for (const count of [2, 5]) {
			it(`${count} executions of one event at once, key in ${keyField}: one payment of 40, balance 60`, async () => {
				await configure('refuse');
				const target = await invoice(`PAY-${keyField.slice(0, 4)}-${count}`);
				const key = `${qbo.realms.us}:Payment:src-${keyField}-${count}:created:2026-12-07T14:00:00.000Z`;
				const outcome = await atOnce(count, {
					resource: 'payment',
					operation: 'create',
					matchInvoicesBy: 'Id',
					invoices: String(target.Id),
					amount: 40,
					additionalFields: { idempotencyKey: key, duplicateKey: keyField },
				});
				expect(outcome.failed).toEqual([]);
				const payments = paymentsOf(String(target.Id));
				expect(payments).toHaveLength(1);
				expect(payments[0][keyField]).toBe(keyField === 'PaymentRefNum' ? keyDigest(key) : key);
				expect(Number(query(qbo, `SELECT * FROM Invoice WHERE Id = '${String(target.Id)}'`)[0].Balance)).toBe(60);
				expect(outcome.outputs.filter((out) => out._action === 'created')).toHaveLength(1);
				expect(outcome.outputs.filter((out) => out._action === 'skipped')).toHaveLength(count - 1);
			});
		}
	}
});
