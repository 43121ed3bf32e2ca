import { sampleCpuLoad, type CpuLoad } from './cpu-load';
import { sampleMemory, type MemoryPeak } from './rss';

/**
 * CPU time and memory of the processes that run a job's executions, taken together: one n8n in regular
 * mode, the workers in queue mode. CPU time and the wait for a CPU add up over the processes; the memory
 * figures are those of the process that grew highest; the load average is the machine's.
 */
export function sampleRunners(pids: number[]): { stop(): { cpuLoad: CpuLoad; memory: MemoryPeak } } {
	if (pids.length === 0) throw new Error('no process to measure');
	const samplers = pids.map((pid) => ({ cpu: sampleCpuLoad(pid), memory: sampleMemory(pid) }));
	return {
		stop() {
			const stopped = samplers.map((sampler) => ({ cpu: sampler.cpu.stop(), memory: sampler.memory.stop() }));
			const sum = (read: (cpu: CpuLoad) => number | undefined) => {
				const values = stopped.map((one) => read(one.cpu));
				return values.every((value) => value !== undefined) ? values.reduce((total: number, value) => total + (value ?? 0), 0) : undefined;
			};
			const cpuLoad: CpuLoad = {
				...stopped[0].cpu,
				n8nCpuMs: sum((cpu) => cpu.n8nCpuMs) ?? 0,
				n8nUserCpuMs: sum((cpu) => cpu.n8nUserCpuMs),
				n8nSystemCpuMs: sum((cpu) => cpu.n8nSystemCpuMs),
				n8nCpuWaitMs: sum((cpu) => cpu.n8nCpuWaitMs),
			};
			const memory = stopped.map((one) => one.memory).reduce((highest, next) => (next.peakMainMiB > highest.peakMainMiB ? next : highest));
			return { cpuLoad, memory };
		},
	};
}
