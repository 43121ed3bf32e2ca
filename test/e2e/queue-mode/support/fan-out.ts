import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one delivery from QuickBooks became: the status each webhook processor answered. */
export interface FannedDelivery {
	at: number;
	statuses: number[];
}

export interface FanOut {
	/** Where QuickBooks (the emulator) delivers: `<url><path>` reaches every target's `<target><path>`. */
	url: string;
	deliveries: FannedDelivery[];
	stop(): Promise<void>;
}

/**
 * A relay in front of several webhook processors that sends every delivery it receives to ALL of them at the
 * same moment, byte for byte with its intuit-signature: what a load balancer retrying on another processor,
 * or two routes to one app URL, can do to a delivery. It answers QuickBooks with the worst status it got
 * (a 200 only when every processor took it), so a refused delivery is retried as Intuit would.
 */
export async function startFanOut(targets: string[]): Promise<FanOut> {
	const deliveries: FannedDelivery[] = [];
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const body = Buffer.concat(chunks);
			const headers: Record<string, string> = { 'content-type': String(request.headers['content-type'] ?? 'application/json') };
			const signature = request.headers['intuit-signature'];
			if (typeof signature === 'string') headers['intuit-signature'] = signature;
			void Promise.all(
				targets.map(async (target) => {
					try {
						const answer = await fetch(`${target}${request.url}`, { method: 'POST', headers, body, signal: AbortSignal.timeout(120_000) });
						await answer.text();
						return answer.status;
					} catch {
						return 599;
					}
				}),
			).then((statuses) => {
				deliveries.push({ at: Date.now(), statuses });
				response.writeHead(Math.max(...statuses) === 200 && Math.min(...statuses) === 200 ? 200 : Math.max(...statuses.filter((s) => s !== 200)));
				response.end();
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		deliveries,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
