import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type PostOutcome = { status: number } | { error: string };

/** A POST under way; `cancel` aborts it (its promise then resolves with an error). */
export interface PendingPost {
	result: Promise<PostOutcome>;
	cancel(): void;
}

/** POSTs `body` and reports the status, or an error on timeout/connection failure. Never rejects. */
export function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): PendingPost {
	let cancel = () => {};
	const result = new Promise<PostOutcome>((resolve) => {
		let settled = false;
		let timer: NodeJS.Timeout | undefined;
		const finish = (outcome: PostOutcome) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve(outcome);
		};
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			return finish({ error: `invalid URL: ${url}` });
		}
		const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
		const req = send(target, { method: 'POST', headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
			res.resume();
			// The status alone decides; the receiver's body is not read beyond draining it.
			finish({ status: res.statusCode ?? 0 });
		});
		timer = setTimeout(() => {
			finish({ error: `no answer within ${timeoutMs} ms` });
			req.destroy();
		}, timeoutMs);
		req.on('error', (error) => finish({ error: error.message }));
		cancel = () => {
			finish({ error: 'cancelled' });
			req.destroy();
		};
		req.end(body);
	});
	return { result, cancel: () => cancel() };
}
