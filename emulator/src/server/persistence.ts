import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AccountingService, OAuthService } from '../contracts';

/** What a data file holds. */
interface DataFile {
	version: 1;
	savedAt: string;
	accounting: unknown;
	oauth: unknown;
}

/**
 * Keeps the emulator's state in a JSON file: loaded on start, saved shortly after changes (debounced)
 * and on stop. Written to a temporary file first, then renamed, so a crash never leaves half a file.
 */
export class Persistence {
	private timer: NodeJS.Timeout | undefined;
	private dirty = false;

	constructor(
		private readonly file: string,
		private readonly accounting: AccountingService,
		private readonly oauth: OAuthService,
		private readonly onError: (error: Error) => void,
		private readonly debounceMs = 250,
	) {}

	/** Restores the saved state; returns false when there is no file yet. */
	load(): boolean {
		if (!existsSync(this.file)) return false;
		const data = JSON.parse(readFileSync(this.file, 'utf8')) as DataFile;
		if (data.version !== 1) throw new Error(`${this.file}: unknown data file version ${String(data.version)}`);
		this.accounting.restore(data.accounting);
		if (data.oauth !== undefined) this.oauth.restore(data.oauth);
		return true;
	}

	/** Schedules a save (many changes in a burst make one write). */
	changed(): void {
		this.dirty = true;
		if (this.timer) return;
		this.timer = setTimeout(() => {
			this.timer = undefined;
			try {
				this.save();
			} catch (error) {
				this.onError(error as Error);
			}
		}, this.debounceMs);
		this.timer.unref();
	}

	/** Writes now if anything changed since the last save. */
	flush(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		if (this.dirty) this.save();
	}

	private save(): void {
		this.dirty = false;
		const data: DataFile = { version: 1, savedAt: new Date().toISOString(), accounting: this.accounting.snapshot(), oauth: this.oauth.snapshot() };
		const temporary = `${this.file}.${process.pid}.tmp`;
		writeFileSync(temporary, JSON.stringify(data));
		renameSync(temporary, this.file);
	}
}
