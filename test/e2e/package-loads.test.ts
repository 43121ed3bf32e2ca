/**
 * A real n8n of each pinned line loads this package: it knows the credential type and every node
 * type package.json declares, and serves their icons.
 */
import { NODE_TYPE_PREFIX, e2eVersions, useSharedN8n, type N8nInstance } from './harness';
import { declaredTypes } from './harness/package-types';

const START_MS = 240_000;

type Icon = string | { light: string; dark: string } | undefined;

interface TypeDescription {
	name: string;
	displayName: string;
	extends?: string[];
	iconUrl?: Icon;
}

/** The icon files an entry of /types/*.json points at, as paths on the server. */
function iconPaths(iconUrl: Icon): string[] {
	if (!iconUrl) return [];
	return typeof iconUrl === 'string' ? [iconUrl] : [iconUrl.light, iconUrl.dark];
}

/** Fetches each icon and checks it is an SVG or PNG that n8n actually serves. */
async function expectIconsServed(n8n: N8nInstance, iconUrl: Icon): Promise<void> {
	const paths = iconPaths(iconUrl);
	expect(paths.length).toBeGreaterThan(0);
	for (const iconPath of paths) {
		const answer = await n8n.root.request<string>('GET', `/${iconPath.replace(/^\//, '')}`);
		expect({ iconPath, status: answer.status }).toEqual({ iconPath, status: 200 });
		const type = answer.headers.get('content-type') ?? '';
		expect(type).toMatch(/image\/(svg\+xml|png)/);
		if (type.includes('svg')) expect(String(answer.body)).toContain('<svg');
	}
}

describe.each(e2eVersions())('n8n %s loads the package', (version) => {
	let n8n: N8nInstance | undefined;
	let credentialTypes: TypeDescription[] = [];
	let nodeTypes: TypeDescription[] = [];
	const declared = declaredTypes();

	beforeAll(async () => {
		// The run's shared n8n of this line (started by the first file that needs it; it logs its start time).
		n8n = await useSharedN8n(version);
		credentialTypes = await n8n.root.get<TypeDescription[]>('/types/credentials.json');
		nodeTypes = await n8n.root.get<TypeDescription[]>('/types/nodes.json');
	}, START_MS);

	afterAll(async () => {
		await n8n?.stop();
	}, 60_000);

	it('declares the credential in package.json', () => {
		expect(declared.credentials).toContain('quickBooksSyncOAuth2Api');
	});

	it('knows the QuickBooks Sync OAuth2 credential type, as an OAuth2 credential, with its icons', async () => {
		const credential = credentialTypes.find((type) => type.name === 'quickBooksSyncOAuth2Api');
		expect(credential).toMatchObject({ displayName: 'QuickBooks Sync OAuth2 API', extends: ['oAuth2Api'] });
		await expectIconsServed(n8n!, credential!.iconUrl);
	});

	it('knows every credential type package.json declares', () => {
		const known = new Set(credentialTypes.map((type) => type.name));
		expect(declared.credentials.filter((name) => !known.has(name))).toEqual([]);
	});

	it('knows every node type package.json declares, with its icons', async () => {
		const byName = new Map(nodeTypes.map((type) => [type.name, type]));
		for (const name of declared.nodes) {
			const node = byName.get(`${NODE_TYPE_PREFIX}.${name}`);
			expect({ name, known: !!node }).toEqual({ name, known: true });
			await expectIconsServed(n8n!, node!.iconUrl);
		}
	});

	it('answers the public API with the harness API key', async () => {
		const page = await n8n!.api.get<{ data: unknown[] }>('/workflows');
		expect(Array.isArray(page.data)).toBe(true);
	});
});
