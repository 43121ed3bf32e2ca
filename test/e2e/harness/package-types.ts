import * as path from 'node:path';
import { REPO_ROOT, readManifest } from './build-package';

/** Type names (description.name / name) of the compiled classes a dist file exports. */
function typeNamesIn(file: string, read: (instance: Record<string, unknown>) => unknown): string[] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(path.join(REPO_ROOT, file)) as Record<string, unknown>;
	const names: string[] = [];
	for (const value of Object.values(exported)) {
		if (typeof value !== 'function') continue;
		const name = read(new (value as new () => Record<string, unknown>)());
		if (typeof name === 'string') names.push(name);
	}
	return names;
}

/** The credential and node type names the package declares in package.json `n8n`, read from dist/. */
export function declaredTypes(): { credentials: string[]; nodes: string[] } {
	const manifest = readManifest();
	return {
		credentials: manifest.credentials.flatMap((file) => typeNamesIn(file, (c) => c.name)),
		nodes: manifest.nodes.flatMap((file) =>
			typeNamesIn(file, (n) => (n.description as { name?: string } | undefined)?.name),
		),
	};
}
