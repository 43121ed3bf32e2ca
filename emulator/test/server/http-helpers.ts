import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/index';

export interface HttpResult {
	status: number;
	headers: IncomingHttpHeaders;
	body: Buffer;
	text: string;
	/** Parsed JSON body (undefined when the body is not JSON). */
	json: any;
}

export interface RequestOptions {
	method?: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	/** Abort after this many real ms (rejects with an error whose code is 'TIMEOUT'). */
	timeoutMs?: number;
	/** Open a new connection instead of reusing one. */
	fresh?: boolean;
}

/** Reused connections, as real clients keep them; `fresh: true` opens a new one. */
const keepAlive = new Agent({ keepAlive: true, maxSockets: 64 });

/** One real HTTP request on loopback. */
export function request(url: string, options: RequestOptions = {}): Promise<HttpResult> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, agent: options.fresh ? false : keepAlive }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('error', reject);
			res.on('end', () => {
				const body = Buffer.concat(chunks);
				const text = body.toString('utf8');
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json });
			});
		});
		if (options.timeoutMs) {
			req.setTimeout(options.timeoutMs, () => {
				const error = Object.assign(new Error('client timeout'), { code: 'TIMEOUT' });
				req.destroy(error);
			});
		}
		req.on('error', reject);
		req.end(options.body);
	});
}

/** A started emulator plus a token for each company. */
export interface TestEmulator {
	emu: RunningEmulator;
	usToken: string;
	caToken: string;
	/** Calls /v3/company/{realm}{path} with JSON headers and the US token unless told otherwise. */
	api(method: string, path: string, options?: ApiOptions): Promise<HttpResult>;
	admin(method: string, path: string, body?: unknown): Promise<HttpResult>;
}

export interface ApiOptions {
	json?: unknown;
	body?: string | Buffer;
	headers?: Record<string, string>;
	realmId?: string;
	token?: string | null;
	timeoutMs?: number;
}

/** Starts an emulator on a free loopback port (quiet) and issues tokens. Stop it with emu.stop(). */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
	const emu = await startEmulator({ port: 0, quiet: true, ...options });
	const usToken = emu.issueTokens(emu.realms.us).access_token;
	const caToken = emu.issueTokens(emu.realms.ca).access_token;
	return {
		emu,
		usToken,
		caToken,
		api(method, path, apiOptions = {}) {
			const realmId = apiOptions.realmId ?? emu.realms.us;
			const token = apiOptions.token === undefined ? (realmId === emu.realms.ca ? caToken : usToken) : apiOptions.token;
			const headers: Record<string, string> = { Accept: 'application/json' };
			if (token !== null) headers.Authorization = `Bearer ${token}`;
			let body = apiOptions.body;
			if (apiOptions.json !== undefined) {
				body = JSON.stringify(apiOptions.json);
				headers['Content-Type'] = 'application/json';
			}
			return request(`${emu.url}/v3/company/${realmId}${path}`, {
				method,
				headers: { ...headers, ...(apiOptions.headers ?? {}) },
				body,
				timeoutMs: apiOptions.timeoutMs,
			});
		},
		admin(method, path, body) {
			return request(`${emu.url}/__admin/${path}`, {
				method,
				headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		},
	};
}

/** A customer body with a name nobody else uses. */
let customerCounter = 0;
export function newCustomer(prefix = 'Test Customer'): { DisplayName: string } {
	customerCounter++;
	return { DisplayName: `${prefix} ${process.pid}-${Date.now()}-${customerCounter}` };
}

/** The Fault codes of a response body. */
export function faultCodes(json: any): string[] {
	// 401s come in Intuit's lower-case `fault.error` envelope, everything else as `Fault.Error`.
	return (json?.Fault?.Error ?? json?.fault?.error ?? []).map((error: { code: string }) => error.code);
}

/** Creates an invoice for a seeded customer and service item of the US company. */
export async function createInvoice(te: TestEmulator, extra: Record<string, unknown> = {}): Promise<any> {
	const customer = (await te.api('POST', '/customer', { json: newCustomer('Invoice Customer') })).json.Customer;
	const items = await te.api('GET', `/query?query=${encodeURIComponent("select * from Item where Type = 'Service'")}`);
	const item = items.json.QueryResponse.Item[0];
	const res = await te.api('POST', '/invoice', {
		json: {
			CustomerRef: { value: customer.Id },
			Line: [{ Amount: 10, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 10 } }],
			...extra,
		},
	});
	if (res.status !== 200) throw new Error(`invoice create failed: ${res.text}`);
	return res.json.Invoice;
}
