/**
 * Runs our nodes inside n8n's REAL execution contexts (n8n-core's ExecuteContext, PollContext,
 * LoadOptionsContext, WebhookContext), so parameters, credentials, `httpRequestWithAuthentication`
 * and its OAuth2 refresh-on-401 (through @n8n/client-oauth2) are n8n's own code, not a stand-in.
 * What n8n's server would supply around them is small and lives here: a credential store (the
 * `credentialsHelper`), the workflow with one node, and the execution's additional data.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core reads its instance settings (user folder, encryption key) when first used: keep them out of $HOME.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'qbo-sync-n8n-'));
process.env.N8N_ENCRYPTION_KEY ??= 'qbo-sync-tests-only';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';

import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsHelper,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IPollFunctions,
	IRunExecutionData,
	IVersionedNodeType,
	IWebhookData,
	IWebhookFunctions,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { ExecuteContext, HookContext, LoadOptionsContext, PollContext, WebhookContext } from 'n8n-core';
import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

import { QuickBooksSyncOAuth2Api } from '../../credentials/QuickBooksSyncOAuth2Api.credentials';
import { CREDENTIAL_TYPE } from '../../nodes/shared/transport';

/** The decrypted QuickBooks Sync credential, as n8n hands it to a node. */
export interface QboCredentialData extends ICredentialDataDecryptedObject {
	environment: 'production' | 'sandbox' | 'custom';
	customApiBaseUrl: string;
	customOAuthBaseUrl: string;
	minorVersion: number;
	webhookVerifierToken: string;
	accessTokenUrl: string;
	clientId: string;
	clientSecret: string;
	oauthTokenData: IDataObject & { access_token: string; refresh_token: string; callbackQueryString: { realmId: string } };
}

/**
 * One stored credential, playing n8n's credentials service: nodes read it decrypted, n8n-core writes
 * refreshed OAuth tokens back (updateCredentialsOauthTokenData) — the test can then check what was stored.
 */
export class TestCredentials implements ICredentialsHelper {
	readonly id = 'qbo-test-credential';

	readonly name = 'QuickBooks (emulator)';

	/** How many times n8n stored refreshed tokens. */
	tokenUpdates = 0;

	private data: QboCredentialData;

	constructor(data: QboCredentialData) {
		this.data = structuredClone(data);
	}

	/** The credential as currently stored. */
	current(): QboCredentialData {
		return structuredClone(this.data);
	}

	/** Replaces stored fields (e.g. to plant an expired access token). */
	patch(fields: Partial<QboCredentialData>): void {
		this.data = { ...this.data, ...structuredClone(fields) } as QboCredentialData;
	}

	getParentTypes(name: string): string[] {
		return name === CREDENTIAL_TYPE ? ['oAuth2Api'] : [];
	}

	async authenticate(_credentials: ICredentialDataDecryptedObject, _typeName: string, requestOptions: IHttpRequestOptions | object): Promise<IHttpRequestOptions> {
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by OAuth2 requests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		if (type !== CREDENTIAL_TYPE) throw new Error(`Unknown credential type ${type}`);
		return structuredClone(this.data);
	}

	async updateCredentials(_node: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.data = structuredClone(data) as QboCredentialData;
	}

	async updateCredentialsOauthTokenData(_node: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		// As n8n's CredentialsHelper: only the token data of the stored credential is replaced.
		this.tokenUpdates++;
		this.data = { ...this.data, oauthTokenData: structuredClone(data.oauthTokenData) } as QboCredentialData;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return type === CREDENTIAL_TYPE ? new QuickBooksSyncOAuth2Api().properties : [];
	}
}

type NodeClass = new () => INodeType | IVersionedNodeType;

/** A node type that only declares the credential: transport tests call the transport from its context. */
export class TransportProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transport Probe',
		name: 'transportProbe',
		group: ['transform'],
		version: 1,
		description: 'Test-only node',
		defaults: { name: 'Transport Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [],
	};
}

export interface ContextOptions {
	/** A credential data object (a new store is made) or a store shared between runs. */
	credentials: QboCredentialData | TestCredentials;
	parameters?: INodeParameters;
	/** Input items: plain objects become `{ json }`. */
	items?: Array<INodeExecutionData | IDataObject>;
	/** n8n's execution id (default: a fresh one per context). `null` = none, as in some contexts. */
	executionId?: string | null;
	/** true: "Continue (using regular output)"; 'errorOutput': "Continue (using error output)". */
	continueOnFail?: boolean | 'errorOutput';
	/** The workflow's static data; pass the same object to later runs to keep trigger state. */
	staticData?: IDataObject;
	nodeName?: string;
	nodeId?: string;
	typeVersion?: number;
	mode?: WorkflowExecuteMode;
}

interface Harness {
	workflow: Workflow;
	node: INode;
	nodeType: INodeType;
	credentials: TestCredentials;
	additionalData: IWorkflowExecuteAdditionalData;
	mode: WorkflowExecuteMode;
}

let executionCounter = 0;

/** n8n-core's SSH tunnel manager starts a 60 s cleanup interval; it must not keep jest alive. */
function releaseBackgroundTimers(): void {
	const manager = Container.get(SSHClientsManager) as unknown as { cleanupTimer?: NodeJS.Timeout };
	manager.cleanupTimer?.unref();
}

function toItems(items: ContextOptions['items']): INodeExecutionData[] {
	return (items ?? [{}]).map((item) =>
		item && typeof item === 'object' && 'json' in item && typeof item.json === 'object' ? (item as INodeExecutionData) : { json: item as IDataObject },
	);
}

/** The version n8n would pick for a new node: the current (or highest) one. */
function defaultVersion(instance: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in instance) return instance.currentVersion;
	const version = (instance.description as INodeTypeDescription).version;
	return Array.isArray(version) ? Math.max(...version) : (version ?? 1);
}

function buildHarness(NodeClass: NodeClass, options: ContextOptions): Harness {
	releaseBackgroundTimers();
	const instance = new NodeClass();
	const typeName = `CUSTOM.${instance.description.name}`;
	const version = options.typeVersion ?? defaultVersion(instance);
	const nodeType = NodeHelpers.getVersionedNodeType(instance, version);
	const nodeTypes: INodeTypes = {
		getByName: () => instance,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const credentials = options.credentials instanceof TestCredentials ? options.credentials : new TestCredentials(options.credentials);

	const nodeBase: INode = {
		id: options.nodeId ?? 'node-under-test',
		name: options.nodeName ?? nodeType.description.defaults.name ?? 'Node',
		type: typeName,
		typeVersion: version,
		position: [0, 0],
		parameters: {},
		credentials: { [CREDENTIAL_TYPE]: { id: credentials.id, name: credentials.name } },
		...(options.continueOnFail ? { onError: options.continueOnFail === 'errorOutput' ? ('continueErrorOutput' as const) : ('continueRegularOutput' as const) } : {}),
	};
	// As n8n does when it loads a workflow: fill every parameter's default in.
	nodeBase.parameters =
		NodeHelpers.getNodeParameters(nodeType.description.properties, options.parameters ?? {}, true, false, nodeBase, nodeType.description) ?? {};

	const workflow = new Workflow({
		id: 'workflow-under-test',
		name: 'Test workflow',
		nodes: [nodeBase],
		connections: {},
		active: false,
		nodeTypes,
		staticData: options.staticData,
	});
	// Static data given by the test is used by reference, so state survives between runs.
	if (options.staticData) workflow.staticData = options.staticData as Workflow['staticData'];

	const executionId = options.executionId === null ? undefined : (options.executionId ?? `test-execution-${++executionCounter}`);
	const additionalData = {
		credentialsHelper: credentials,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		variables: {},
		logAiEvent: () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	return { workflow, node: workflow.getNode(nodeBase.name) as INode, nodeType, credentials, additionalData, mode: options.mode ?? 'manual' };
}

/** An n8n ExecuteContext for a node with the given parameters, input items and credential. */
export function createExecuteContext(NodeClass: NodeClass, options: ContextOptions): { context: IExecuteFunctions; credentials: TestCredentials; nodeType: INodeType } {
	const harness = buildHarness(NodeClass, options);
	const items = toItems(options.items);
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: { contextData: {}, nodeExecutionStack: [], metadata: {}, waitingExecution: {}, waitingExecutionSource: {} },
	} as unknown as IRunExecutionData;
	const executeData = { node: harness.node, data: { main: [items] }, source: null };
	const context = new ExecuteContext(
		harness.workflow,
		harness.node,
		harness.additionalData,
		harness.mode,
		runExecutionData,
		0,
		items,
		{ main: [items] },
		executeData,
		[],
	);
	return { context: context as unknown as IExecuteFunctions, credentials: harness.credentials, nodeType: harness.nodeType };
}

/** A context for calling the transport directly (a probe node that only declares the credential). */
export function createTransportContext(options: ContextOptions): { context: IExecuteFunctions; credentials: TestCredentials } {
	const { context, credentials } = createExecuteContext(TransportProbe, options);
	return { context, credentials };
}

/** Runs a node's execute() like n8n does and returns its output and the credential store. */
export async function runNode(
	NodeClass: NodeClass,
	options: ContextOptions,
): Promise<{ output: INodeExecutionData[][]; credentials: TestCredentials }> {
	const { context, credentials, nodeType } = createExecuteContext(NodeClass, options);
	if (!nodeType.execute) throw new Error(`${nodeType.description.name} has no execute()`);
	const output = (await nodeType.execute.call(context)) as INodeExecutionData[][];
	return { output, credentials };
}

/** Runs a polling trigger's poll() once; pass the same staticData object to the next call. */
export async function runPoll(
	NodeClass: NodeClass,
	options: ContextOptions,
): Promise<{ output: INodeExecutionData[][] | null; credentials: TestCredentials; context: IPollFunctions }> {
	const harness = buildHarness(NodeClass, options);
	const context = new PollContext(harness.workflow, harness.node, harness.additionalData, harness.mode, 'activate') as unknown as IPollFunctions;
	if (!harness.nodeType.poll) throw new Error(`${harness.nodeType.description.name} has no poll()`);
	const output = await harness.nodeType.poll.call(context);
	return { output, credentials: harness.credentials, context };
}

/** A LoadOptionsContext (for listSearch / loadOptions methods). */
export function createLoadOptionsContext(NodeClass: NodeClass, options: ContextOptions): { context: ILoadOptionsFunctions; credentials: TestCredentials } {
	const harness = buildHarness(NodeClass, options);
	const context = new LoadOptionsContext(harness.workflow, harness.node, harness.additionalData, '') as unknown as ILoadOptionsFunctions;
	return { context, credentials: harness.credentials };
}

/** An incoming webhook call, as express would parse it (rawBody is what signatures are computed over). */
export interface TestWebhookRequest {
	body: unknown;
	rawBody?: Buffer | string;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	method?: string;
}

/** What the webhook answered: the node's result plus anything it wrote to the response itself. */
export interface TestWebhookResult {
	result: IWebhookResponseData;
	response: { statusCode?: number; headers: Record<string, string>; body?: unknown; ended: boolean };
	credentials: TestCredentials;
}

/** Runs a webhook trigger's webhook() with a request; `webhookName` defaults to 'default'. */
export async function runWebhook(
	NodeClass: NodeClass,
	options: ContextOptions & { request: TestWebhookRequest; webhookName?: string },
): Promise<TestWebhookResult> {
	const harness = buildHarness(NodeClass, options);
	const raw = options.request.rawBody ?? JSON.stringify(options.request.body);
	const headers = Object.fromEntries(Object.entries(options.request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
	const request = {
		body: options.request.body,
		rawBody: Buffer.isBuffer(raw) ? raw : Buffer.from(raw),
		headers,
		query: options.request.query ?? {},
		params: {},
		method: options.request.method ?? 'POST',
		header: (name: string) => headers[name.toLowerCase()],
		get: (name: string) => headers[name.toLowerCase()],
	};
	const response = { statusCode: undefined as number | undefined, headers: {} as Record<string, string>, body: undefined as unknown, ended: false };
	const res = {
		status(code: number) {
			response.statusCode = code;
			return res;
		},
		setHeader(name: string, value: string) {
			response.headers[name.toLowerCase()] = value;
			return res;
		},
		json(body: unknown) {
			response.body = body;
			response.ended = true;
			return res;
		},
		send(body?: unknown) {
			response.body = body;
			response.ended = true;
			return res;
		},
		end(body?: unknown) {
			if (body !== undefined) response.body = body;
			response.ended = true;
			return res;
		},
	};
	harness.additionalData.httpRequest = request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	harness.additionalData.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	const webhookData = {
		httpMethod: 'POST',
		node: harness.node.name,
		path: 'qbo',
		webhookDescription: { name: options.webhookName ?? 'default', httpMethod: 'POST', path: 'qbo' },
		workflowId: harness.workflow.id,
		workflowExecuteAdditionalData: harness.additionalData,
	} as unknown as IWebhookData;
	const context = new WebhookContext(harness.workflow, harness.node, harness.additionalData, harness.mode, webhookData, [], null) as unknown as IWebhookFunctions;
	if (!harness.nodeType.webhook) throw new Error(`${harness.nodeType.description.name} has no webhook()`);
	const result = await harness.nodeType.webhook.call(context);
	return { result, response, credentials: harness.credentials };
}

/** Runs one of a trigger's webhook methods (checkExists, create, delete) as n8n does on activation. */
export async function runWebhookMethod(
	NodeClass: NodeClass,
	method: 'checkExists' | 'create' | 'delete',
	options: ContextOptions & { webhookName?: 'default' | 'setup' },
): Promise<boolean | undefined> {
	const harness = buildHarness(NodeClass, options);
	const webhookData = {
		httpMethod: 'POST',
		node: harness.node.name,
		path: 'qbo',
		webhookDescription: { name: options.webhookName ?? 'default', httpMethod: 'POST', path: 'qbo' },
		workflowId: harness.workflow.id,
		workflowExecuteAdditionalData: harness.additionalData,
	} as unknown as IWebhookData;
	const context = new HookContext(harness.workflow, harness.node, harness.additionalData, harness.mode, 'activate', webhookData) as unknown as IHookFunctions;
	const methods = harness.nodeType.webhookMethods?.[options.webhookName ?? 'default'];
	if (!methods?.[method]) throw new Error(`${harness.nodeType.description.name} has no webhook method ${method}`);
	return await methods[method]!.call(context);
}
