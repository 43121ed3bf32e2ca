import * as fs from 'node:fs';

/** Resident memory figures of one n8n server over a span of time, in MiB. */
export interface MemoryPeak {
	pid: number;
	/** Highest VmRSS of the n8n main process sampled during the span. */
	peakMainMiB: number;
	/** Highest sum of VmRSS over n8n's whole process group (main + task runners) during the span. */
	peakGroupMiB: number;
	/** VmRSS of the main process when sampling started. */
	startMainMiB: number;
	samples: number;
}

function readText(file: string): string | undefined {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
}

/** VmRSS of a process in kB (undefined when it is gone). */
function rssKb(pid: number): number | undefined {
	const status = readText(`/proc/${pid}/status`);
	const match = status && /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
	return match ? Number(match[1]) : undefined;
}

/** Process group id from /proc/<pid>/stat ("pid (comm) state ppid pgrp …"; comm may hold spaces). */
function groupOf(pid: number): number | undefined {
	const stat = readText(`/proc/${pid}/stat`);
	if (!stat) return undefined;
	return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

function allPids(): number[] {
	return fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
}

/** The pid of the `n8n start` process serving `port` (found by its command line and environment). */
export function findN8nPid(port: number): number {
	for (const pid of allPids()) {
		const cmdline = readText(`/proc/${pid}/cmdline`)?.split('\0') ?? [];
		if (!cmdline.some((arg) => /n8n[\\/]bin[\\/]n8n$/.test(arg)) || !cmdline.includes('start')) continue;
		const environ = readText(`/proc/${pid}/environ`)?.split('\0') ?? [];
		if (environ.includes(`N8N_PORT=${port}`)) return pid;
	}
	throw new Error(`no "n8n start" process with N8N_PORT=${port} found in /proc`);
}

const MiB = (kb: number) => Math.round((kb / 1024) * 10) / 10;

/** Samples the n8n process (and its group) every `everyMs` until `stop()`; returns the peaks. */
export function sampleMemory(pid: number, everyMs = 200): { stop(): MemoryPeak } {
	const group = groupOf(pid) ?? pid;
	const startKb = rssKb(pid) ?? 0;
	let peakMain = startKb;
	let peakGroup = 0;
	let samples = 0;
	const sample = () => {
		samples++;
		peakMain = Math.max(peakMain, rssKb(pid) ?? 0);
		let sum = 0;
		for (const other of allPids()) if (groupOf(other) === group) sum += rssKb(other) ?? 0;
		peakGroup = Math.max(peakGroup, sum);
	};
	sample();
	const timer = setInterval(sample, everyMs);
	return {
		stop() {
			clearInterval(timer);
			sample();
			return { pid, peakMainMiB: MiB(peakMain), peakGroupMiB: MiB(peakGroup), startMainMiB: MiB(startKb), samples };
		},
	};
}
