/**
 * QuickBooks Sync as an AI tool, proven with a real MCP client: a workflow holds n8n's MCP Server Trigger
 * with three QuickBooks Sync tool nodes (Find or Create Customer, Create Invoice, Find Invoices), and the
 * official MCP TypeScript SDK client — what Claude Desktop, Cursor and other agents use — lists the tools and
 * calls them the way a model would. The customer and the invoice land in the emulated company; a bad argument
 * comes back as a readable error naming the field, which a model can act on.
 *
 * No setting is needed on either line: older 1.x releases only offered community nodes as tools with
 * N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE=true, but neither 1.123.81 nor 2.41.1 reads that variable (it is not
 * in their code, and this file passes without it), so n8n starts with the harness defaults.
 */
import { randomUUID } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startEmulatorForTests, type TestEmulator } from '../support/emulator';
import { e2eVersions, NODE_TYPE_PREFIX, useSharedN8n, type N8nInstance, type WorkflowJson } from './harness';
import { rows, type Row } from './templates/support/qbo-state';

const MCP_TRIGGER = 'MCP Server Trigger';
const TOOL_TYPE = `${NODE_TYPE_PREFIX}.quickBooksSyncTool`;

/** What a model is told about each argument: what it is, in the user's words, with an example. */
const fromAI = (key: string, description: string, type: 'string' | 'number' = 'string') =>
	`={{ $fromAI(${JSON.stringify(key)}, ${JSON.stringify(description)}, ${JSON.stringify(type)}) }}`;

const CUSTOMER_NAME = fromAI(
	'customerName',
	"The customer's name exactly as it should appear in QuickBooks (its display name), e.g. Café O'Brien",
);

/** A QuickBooks Sync tool node wired into the MCP Server Trigger. */
function toolNode(name: string, credential: { id: string; name: string }, x: number, parameters: Record<string, unknown>) {
	return {
		id: randomUUID(),
		name,
		type: TOOL_TYPE,
		typeVersion: 1,
		position: [x, 200],
		credentials: { quickBooksSyncOAuth2Api: credential },
		// 'auto': n8n writes the tool's description from the operation the node offers ("Create an invoice in QuickBooks Sync").
		parameters: { descriptionType: 'auto', ...parameters },
	};
}

function mcpWorkflow(path: string, credential: { id: string; name: string }): WorkflowJson {
	const tools = [
		toolNode('Find or Create Customer', credential, 0, {
			resource: 'customer',
			operation: 'findOrCreate',
			matchOn: 'DisplayName',
			displayName: CUSTOMER_NAME,
			output: 'simplified',
		}),
		toolNode('Create Invoice', credential, 250, {
			resource: 'invoice',
			operation: 'create',
			customer: { __rl: true, mode: 'name', value: CUSTOMER_NAME },
			createCustomerIfMissing: true,
			docNumber: fromAI('invoiceNumber', 'The invoice number to print on the invoice, up to 21 characters, e.g. WO-1001'),
			ifExists: 'skip',
			lines: {
				line: [
					{
						lineType: 'item',
						itemBy: 'name',
						itemName: fromAI('productName', 'The product or service sold, by its name in QuickBooks, e.g. Espresso beans 1 kg'),
						quantity: fromAI('quantity', 'How many units were sold, e.g. 3', 'number'),
						rate: fromAI('unitPrice', 'The price of one unit in the company currency, e.g. 19.99', 'number'),
						createItemIfMissing: true,
					},
				],
			},
			output: 'simplified',
		}),
		toolNode('Find Invoices', credential, 500, {
			resource: 'invoice',
			operation: 'getAll',
			returnAll: false,
			limit: 10,
			filters: { customerId: fromAI('customerId', 'The QuickBooks id of the customer, as Find or Create Customer returns it, e.g. 58') },
			output: 'selectedFields',
			outputFields: ['docNumber', 'totalAmount', 'balance', 'status'],
		}),
	];
	return {
		name: `QuickBooks tools over MCP (e2e ${path})`,
		nodes: [
			{
				id: randomUUID(),
				name: MCP_TRIGGER,
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion: 2,
				position: [250, 0],
				webhookId: randomUUID(),
				parameters: { path, authentication: 'none' },
			},
			...tools,
		],
		connections: Object.fromEntries(tools.map((tool) => [tool.name, { ai_tool: [[{ node: MCP_TRIGGER, type: 'ai_tool', index: 0 }]] }])),
	};
}

interface ToolResult {
	isError?: boolean;
	content: Array<{ type: string; text?: string }>;
}

/** The text a tool call answered (n8n sends the node's output, or the error, as one text part). */
const textOf = (result: ToolResult): string => result.content.map((part) => part.text ?? '').join('\n');

/** The JSON items in a tool answer (n8n sends one object, or an array of them, as text). */
function itemsOf(result: ToolResult): Array<Record<string, unknown>> {
	const parsed = JSON.parse(textOf(result)) as unknown;
	const list = Array.isArray(parsed) ? parsed : [parsed];
	return list.map((entry) => ((entry as { json?: unknown }).json ?? entry) as Record<string, unknown>);
}

const REGISTER_WAIT_MS = 30_000;

/** Connects the MCP SDK client to the production MCP URL (n8n registers it shortly after activation). */
async function connectClient(url: string): Promise<Client> {
	const until = Date.now() + REGISTER_WAIT_MS;
	for (;;) {
		const client = new Client({ name: 'qbo-sync-e2e', version: '1.0.0' });
		try {
			await client.connect(new StreamableHTTPClientTransport(new URL(url)));
			return client;
		} catch (error) {
			await client.close().catch(() => undefined);
			if (Date.now() > until) throw error;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

describe.each(e2eVersions())('QuickBooks Sync as an MCP tool on n8n %s', (version) => {
	let qbo: TestEmulator;
	let n8n: N8nInstance | undefined;
	let client: Client;
	let realmId: string;
	const path = `qbo-tools-${randomUUID().slice(0, 8)}`;

	beforeAll(async () => {
		qbo = await startEmulatorForTests();
		realmId = qbo.realms.us;
		n8n = await useSharedN8n(version);
		const name = 'QuickBooks Sync (us)';
		const id = await n8n.importCredential({ name, type: 'quickBooksSyncOAuth2Api', data: qbo.credentials(realmId) });
		const workflowId = await n8n.importWorkflow(mcpWorkflow(path, { id, name }));
		await n8n.activate(workflowId);
		client = await connectClient(`${n8n.url}/mcp/${path}`);
	}, 300_000);

	afterAll(async () => {
		await client?.close().catch(() => undefined);
		await n8n?.stop();
		await qbo?.stop();
	}, 60_000);

	const all = (entity: string): Row[] => rows(qbo, realmId, `SELECT * FROM ${entity} MAXRESULTS 1000`);
	const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as ToolResult;

	it('lists the three tools, each described from its operation, with every argument explained', async () => {
		const { tools } = await client.listTools();
		const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
		expect(Object.keys(byName).sort()).toEqual(['Create_Invoice', 'Find_Invoices', 'Find_or_Create_Customer']);
		expect(byName.Find_or_Create_Customer.description).toMatch(/find or create a customer/i);
		expect(byName.Create_Invoice.description).toMatch(/create an invoice/i);
		expect(byName.Find_Invoices.description).toMatch(/get many invoices/i);

		const properties = byName.Create_Invoice.inputSchema.properties as Record<string, { type?: string; description?: string }>;
		expect(Object.keys(properties).sort()).toEqual(['customerName', 'invoiceNumber', 'productName', 'quantity', 'unitPrice']);
		expect(properties.quantity.type).toBe('number');
		for (const [key, property] of Object.entries(properties)) {
			expect({ key, described: (property.description ?? '').length > 20 }).toEqual({ key, described: true });
		}
	});

	it('finds or creates a customer: created once, found the second time', async () => {
		const name = "Café O'Brien (MCP)";
		const first = itemsOf(await call('Find_or_Create_Customer', { customerName: name }));
		expect(first).toHaveLength(1);
		expect(first[0]).toMatchObject({ displayName: name, _created: true });
		const again = itemsOf(await call('Find_or_Create_Customer', { customerName: name }));
		expect(again[0]).toMatchObject({ id: first[0].id, displayName: name, _created: false });
		expect(all('Customer').filter((row) => row.DisplayName === name)).toHaveLength(1);
	});

	it('creates an invoice in QuickBooks and answers with a small simplified item', async () => {
		const result = await call('Create_Invoice', {
			customerName: 'Zoë Lindqvist & Söner (MCP)',
			invoiceNumber: 'MCP-1001',
			productName: 'Espresso beans 1 kg',
			quantity: 3,
			unitPrice: 19.99,
		});
		const [invoice] = itemsOf(result);
		expect(invoice).toMatchObject({ docNumber: 'MCP-1001', customerName: 'Zoë Lindqvist & Söner (MCP)', totalAmount: 59.97, status: 'Open' });
		// Simplified: flat fields a model can read, not the whole QuickBooks object with its lines and metadata.
		expect(invoice).not.toHaveProperty('Line');
		expect(textOf(result).length).toBeLessThan(1500);

		const stored = all('Invoice').filter((row) => row.DocNumber === 'MCP-1001');
		expect(stored).toHaveLength(1);
		expect(stored[0].TotalAmt).toBe(59.97);
		expect(String(stored[0].Id)).toBe(invoice.id);

		const found = itemsOf(await call('Find_Invoices', { customerId: invoice.customerId }));
		// Selected fields: the id always, then only the fields chosen in the node.
		expect(found).toEqual([{ id: invoice.id, docNumber: 'MCP-1001', totalAmount: 59.97, balance: 59.97, status: 'Open' }]);
	});

	it('answers a bad argument with an error a model can act on, and writes nothing', async () => {
		const invoicesBefore = all('Invoice').length;
		const result = await call('Create_Invoice', {
			customerName: 'Zoë Lindqvist & Söner (MCP)',
			invoiceNumber: 'MCP-1002',
			productName: 'Espresso beans 1 kg',
			quantity: -2,
			unitPrice: 19.99,
		});
		// The node's own message, naming the argument's parameter: enough for a model to correct the call.
		expect(result.isError).toBe(true);
		expect(textOf(result)).toMatch(/Quantity -2 is negative \[parameter: lines\[0\]\.quantity, item 0\]/);
		expect(all('Invoice')).toHaveLength(invoicesBefore);
	});
});
