import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	headers: IncomingHttpHeaders;
	raw: Buffer;
}

/** How the receiver answers the n-th request (0-based): a status, optionally after a real delay. */
export type Behaviour = (n: number) => { status: number; delayMs?: number };

export interface Receiver {
	url: string;
	received: Received[];
	behave(behaviour: Behaviour): void;
	close(): Promise<void>;
}

/** A real HTTP endpoint on loopback that records every webhook delivery it gets. */
export async function startReceiver(): Promise<Receiver> {
	const received: Received[] = [];
	let behaviour: Behaviour = () => ({ status: 200 });
	const timers = new Set<NodeJS.Timeout>();
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const n = received.length;
			received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
			const { status, delayMs } = behaviour(n);
			const answer = () => {
				if (!res.destroyed) res.writeHead(status).end();
			};
			if (!delayMs) return answer();
			const timer = setTimeout(() => {
				timers.delete(timer);
				answer();
			}, delayMs);
			timers.add(timer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhooks/quickbooks`,
		received,
		behave(next) {
			behaviour = next;
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const timer of timers) clearTimeout(timer);
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
