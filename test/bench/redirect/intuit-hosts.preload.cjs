'use strict';
/**
 * Preloaded (NODE_OPTIONS=--require) into the benchmark's n8n process ONLY: the host names listed in
 * QBO_BENCH_REDIRECT_HOSTS resolve to QBO_BENCH_REDIRECT_ADDRESS (default 127.0.0.1), like an
 * /etc/hosts entry for that one process. Every other name resolves as usual, and n8n's code is not
 * touched: its unmodified QuickBooks node still calls https://quickbooks.api.intuit.com, and the TLS
 * front listening there (see tls-front.ts) must still present a certificate the process trusts.
 * Plain CommonJS because it runs before n8n, on n8n's own Node, with no TypeScript loader.
 */
const dns = require('node:dns');

const hosts = new Set(
	String(process.env.QBO_BENCH_REDIRECT_HOSTS || '')
		.split(',')
		.map((host) => host.trim().toLowerCase())
		.filter(Boolean),
);
const address = process.env.QBO_BENCH_REDIRECT_ADDRESS || '127.0.0.1';
const redirected = (hostname) => hosts.has(String(hostname).toLowerCase().replace(/\.$/, ''));

const originalLookup = dns.lookup;
const originalPromisesLookup = dns.promises.lookup;

/** dns.lookup with the same signatures as Node's (callback; options object or family number; `all`). */
function lookup(hostname, options, callback) {
	if (typeof options === 'function') {
		callback = options;
		options = {};
	}
	if (!redirected(hostname)) return originalLookup.call(dns, hostname, options, callback);
	const all = typeof options === 'object' && options !== null && options.all === true;
	if (all) process.nextTick(callback, null, [{ address, family: 4 }]);
	else process.nextTick(callback, null, address, 4);
	return {};
}

dns.lookup = lookup;
dns.promises.lookup = async function (hostname, options) {
	if (!redirected(hostname)) return originalPromisesLookup.call(dns.promises, hostname, options);
	const all = typeof options === 'object' && options !== null && options.all === true;
	return all ? [{ address, family: 4 }] : { address, family: 4 };
};
