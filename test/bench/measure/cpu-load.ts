import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';

/**
 * How busy the machine and n8n were during one run. Wall time on a shared machine moves with the
 * load; n8n's own CPU time does not (much), so the two together say whether a run waited on
 * QuickBooks' limits or on the CPU.
 */
export interface CpuLoad {
	/** CPU time (user + system) of n8n's process group over the span, task runners included. */
	n8nCpuMs: number;
	/** Of n8nCpuMs, the user-mode part (the JavaScript: n8n, the node, expressions) and the kernel's (I/O, memory). */
	n8nUserCpuMs?: number;
	n8nSystemCpuMs?: number;
	/**
	 * Time n8n's main thread (its event loop, where nodes run) was ready to run but waited for a CPU
	 * (run-queue wait, /proc/<pid>/task/<pid>/schedstat): the part of the wall time other work on the
	 * machine took away. Undefined where the kernel keeps no schedstat.
	 */
	n8nCpuWaitMs?: number;
	/** 1-minute load average when the span started and ended, and its mean over the span. */
	loadAtStart: number;
	loadAtEnd: number;
	loadMean: number;
	/**
	 * n8n's CPU time per second of wall time while it ran nothing (measured just before the job, when the
	 * job asks for it): timers, the database, task-runner heartbeats. Over a long, limit-bound run this
	 * idle cost alone is a share of the CPU per item that no node can remove.
	 */
	n8nIdleCpuMsPerS?: number;
}

/** n8n's CPU time per second of wall time over `ms` of doing nothing (see CpuLoad.n8nIdleCpuMsPerS). */
export async function idleCpuRate(n8nPid: number, ms: number): Promise<number> {
	const group = ticksOf(n8nPid)?.group ?? n8nPid;
	const start = groupTicks(group);
	const started = Date.now();
	await new Promise((resolve) => setTimeout(resolve, ms));
	const ticks = groupTicks(group).ticks - start.ticks;
	return Math.round(((ticks * 1000) / TICKS_PER_SECOND / ((Date.now() - started) / 1000)) * 100) / 100;
}

const TICKS_PER_SECOND = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
	} catch {
		return 100;
	}
})();

/** utime + stime + cutime + cstime of a process, in clock ticks (0 when it is gone). */
function ticksOf(pid: number): { group: number; ticks: number; user: number } | undefined {
	let stat: string;
	try {
		stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return undefined;
	}
	// Fields after "(comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const user = Number(fields[11]) + Number(fields[13]);
	return { group: Number(fields[2]), ticks: user + Number(fields[12]) + Number(fields[14]), user };
}

/** CPU ticks (all, and user-mode) of every process in `group` (children that already exited are in their parent's cutime/cstime). */
function groupTicks(group: number): { ticks: number; user: number } {
	const sum = { ticks: 0, user: 0 };
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const entry = ticksOf(Number(name));
		if (entry?.group !== group) continue;
		sum.ticks += entry.ticks;
		sum.user += entry.user;
	}
	return sum;
}

/** Run-queue wait of a process's main thread in ns (second field of schedstat). */
function runQueueWaitNs(pid: number): number | undefined {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(/\s+/);
		const wait = Number(fields[1]);
		return Number.isFinite(wait) ? wait : undefined;
	} catch {
		return undefined;
	}
}

/** Starts measuring n8n's CPU time and the load average; `stop()` returns the figures. */
export function sampleCpuLoad(n8nPid: number, everyMs = 1000): { stop(): CpuLoad } {
	const group = ticksOf(n8nPid)?.group ?? n8nPid;
	const startTicks = groupTicks(group);
	const startWait = runQueueWaitNs(n8nPid);
	const loads = [os.loadavg()[0]];
	const timer = setInterval(() => loads.push(os.loadavg()[0]), everyMs);
	return {
		stop() {
			clearInterval(timer);
			loads.push(os.loadavg()[0]);
			const round = (n: number) => Math.round(n * 100) / 100;
			const endWait = runQueueWaitNs(n8nPid);
			const end = groupTicks(group);
			const ms = (ticks: number) => Math.round((ticks * 1000) / TICKS_PER_SECOND);
			return {
				n8nCpuMs: ms(end.ticks - startTicks.ticks),
				n8nUserCpuMs: ms(end.user - startTicks.user),
				n8nSystemCpuMs: ms(end.ticks - startTicks.ticks - (end.user - startTicks.user)),
				n8nCpuWaitMs: startWait !== undefined && endWait !== undefined ? Math.round((endWait - startWait) / 1e6) : undefined,
				loadAtStart: round(loads[0]),
				loadAtEnd: round(loads[loads.length - 1]),
				loadMean: round(loads.reduce((sum, n) => sum + n, 0) / loads.length),
			};
		},
	};
}
