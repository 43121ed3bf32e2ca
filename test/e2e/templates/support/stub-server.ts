import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stub outside system received. */
export interface StubCall {
	method: string;
	path: string;
	body: unknown;
}

/** A stand-in for the outside system (help desk, CRM, …): records every call, answers with `reply`. */
export interface StubServer {
	url: string;
	calls: StubCall[];
	/** Calls whose path starts with `prefix`. */
	callsTo(prefix: string): StubCall[];
	stop(): Promise<void>;
}

/** The answer the stub gives a call (default 200 `{ok: true}`). */
export type StubReply = (call: StubCall) => { status?: number; body?: unknown };

/** Starts a JSON stub on a free loopback port. */
export async function startStubServer(reply: StubReply = () => ({})): Promise<StubServer> {
	const calls: StubCall[] = [];
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body: unknown = text;
			try {
				body = text ? JSON.parse(text) : undefined;
			} catch {
				// keep the raw text
			}
			const call: StubCall = { method: request.method ?? 'GET', path: request.url ?? '/', body };
			calls.push(call);
			const answer = reply(call);
			response.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
			response.end(JSON.stringify(answer.body ?? { ok: true }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		calls,
		callsTo: (prefix) => calls.filter((call) => call.path.startsWith(prefix)),
		stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
