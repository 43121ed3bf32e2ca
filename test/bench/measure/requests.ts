import type { StatsSnapshot } from '../../../emulator/src';

/** Requests of one run, grouped the way the report shows them. */
export interface RequestCounts {
	/** Every call to /v3/company/… (the API Intuit rate-limits), 429s included. */
	api: number;
	query: number;
	batch: number;
	/** Single-object writes: POST /customer, POST /invoice, … */
	write: number;
	/** Single-object reads: GET /customer/{id}, … */
	read: number;
	cdc: number;
	/** API calls that fit none of the above (companyinfo, preferences, …). */
	otherApi: number;
	/** Token endpoint and other OAuth calls: not API requests, shown apart. */
	oauth: number;
	throttled: number;
	byEndpoint: Record<string, number>;
	byStatus: Record<string, number>;
}

const OAUTH = /^(GET|POST) \/(oauth2|connect|v2\/oauth2|\.well-known|v1\/openid)/;

/** Groups the emulator's per-endpoint counters into kinds. */
export function countRequests(stats: StatsSnapshot): RequestCounts {
	const counts: RequestCounts = {
		api: 0, query: 0, batch: 0, write: 0, read: 0, cdc: 0, otherApi: 0, oauth: 0,
		throttled: stats.throttled,
		byEndpoint: stats.byEndpoint,
		byStatus: stats.byStatus,
	};
	for (const [endpoint, n] of Object.entries(stats.byEndpoint)) {
		if (OAUTH.test(endpoint)) {
			counts.oauth += n;
			continue;
		}
		counts.api += n;
		const [method, path] = endpoint.split(' ');
		if (path === '/query') counts.query += n;
		else if (path === '/batch') counts.batch += n;
		else if (path === '/cdc') counts.cdc += n;
		else if (/^\/(companyinfo|preferences|\{unknown\})/.test(path)) counts.otherApi += n;
		else if (method === 'POST' && /^\/[a-z]+$/.test(path)) counts.write += n;
		else if (method === 'GET' && /^\/[a-z]+\/\{id\}$/.test(path)) counts.read += n;
		else counts.otherApi += n;
	}
	return counts;
}
