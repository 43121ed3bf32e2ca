import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { QboFault } from '../contracts';

/** A finished answer, kept as bytes so a requestid replay can send exactly the same thing again. */
export interface Reply {
	status: number;
	contentType: string;
	body: string | Buffer;
	headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

/** A JSON reply; QuickBooks puts a `time` next to every payload. */
export function jsonReply(status: number, payload: Record<string, unknown>, time: string): Reply {
	return { status, contentType: JSON_TYPE, body: JSON.stringify({ ...payload, time }) };
}

/** The reply for a QboFault, with its own HTTP status. */
export function faultReply(fault: QboFault, time: string): Reply {
	return { status: fault.status, contentType: JSON_TYPE, body: JSON.stringify(fault.toBody(time)) };
}

/** Writes a reply with QuickBooks' `intuit_tid` header. */
export function sendReply(res: ServerResponse, reply: Reply): void {
	if (res.headersSent || res.destroyed) return;
	const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
	res.writeHead(reply.status, {
		'Content-Type': reply.contentType,
		'Content-Length': body.length,
		intuit_tid: randomUUID(),
		...(reply.headers ?? {}),
	});
	res.end(body);
}

/** Thrown while reading a body that is larger than allowed. */
export class BodyTooLargeError extends Error {}

/** Reads the whole request body, refusing more than `maxBytes`. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
	const declared = Number(req.headers['content-length']);
	if (declared > maxBytes) {
		req.resume();
		return Promise.reject(new BodyTooLargeError());
	}
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let refused = false;
		req.on('data', (chunk: Buffer) => {
			if (refused) return;
			size += chunk.length;
			if (size > maxBytes) {
				refused = true;
				reject(new BodyTooLargeError());
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => {
			if (!refused) resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
		});
		req.on('error', reject);
	});
}

/** Pacific offset used by the seeded companies (the accounting part stamps MetaData the same way). */
const COMPANY_OFFSET_MS = -7 * 60 * 60 * 1000;

/** The `time` of a response as QuickBooks writes it: company-local with milliseconds, "2025-09-08T13:52:31.657-07:00". */
export function responseTime(clock: { now(): number }): string {
	return `${new Date(clock.now() + COMPANY_OFFSET_MS).toISOString().slice(0, 23)}-07:00`;
}
