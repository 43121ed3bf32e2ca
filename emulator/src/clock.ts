import type { Clock } from './contracts';

/**
 * The emulator's clock: real time, optionally running `timeScale` times faster (so a rate-limit
 * "minute" can last a second in tests), plus an offset that tests move forward on purpose.
 */
export function createClock(timeScale = 1): Clock {
	if (!(timeScale > 0)) throw new Error(`timeScale must be a positive number, got ${timeScale}`);
	const realStart = Date.now();
	let offset = 0;
	const now = () => realStart + (Date.now() - realStart) * timeScale + offset;
	return {
		timeScale,
		now,
		nowIso: () => new Date(now()).toISOString(),
		advance(ms: number) {
			offset += ms;
		},
		setTimeout(fn: () => void, emulatedMs: number) {
			const timer = setTimeout(fn, Math.max(0, emulatedMs / timeScale));
			timer.unref?.();
			return timer;
		},
	};
}
