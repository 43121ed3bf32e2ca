// Lint rules n8n applies to community packages, on the files that are published (nodes/, credentials/,
// package.json), laid out as `n8n-node lint` (@n8n/node-cli) lays them out:
//   - eslint-plugin-n8n-nodes-base: community rules on package.json, credential rules on credentials/,
//     node rules on nodes/ (with the same few main-repository-only rules switched off);
//   - @n8n/eslint-plugin-community-nodes, its recommended config, everywhere: the rules n8n's
//     verification scan (@n8n/scan-community-package) gates on. The plugin is loaded from the scanner's
//     own dependencies, so these are exactly the rule versions the scan runs (and the plugin's exact
//     eslint/n8n-workflow 2.x peers stay inside the scanner instead of clashing with ours);
//   - the two general rules of `n8n-node lint` that found something here: unused variables and
//     duplicate imports.
// No inline disables are allowed under nodes/ and credentials/.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

import tsPlugin from '@typescript-eslint/eslint-plugin';
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import * as jsoncParser from 'jsonc-eslint-parser';

const fromScanner = createRequire(createRequire(import.meta.url).resolve('@n8n/scan-community-package/package.json'));
const { n8nCommunityNodesPlugin: communityNodes } = await import(
	pathToFileURL(fromScanner.resolve('@n8n/eslint-plugin-community-nodes')).href
);
const community = communityNodes.configs.recommended;

const plugins = { 'n8n-nodes-base': n8nNodesBase, ...community.plugins };
const typescript = { parser: tsParser, parserOptions: { sourceType: 'module' } };
const noInlineDisables = { noInlineConfig: true, reportUnusedDisableDirectives: 'error' };
const generalRules = {
	'@typescript-eslint/no-unused-vars': 'error',
	'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
};

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'emulator/**', 'test/**', 'scripts/**'] },
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins,
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		// The community rules walk package.json as a TypeScript object literal, as the scanner parses it.
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins,
		rules: { ...community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: typescript,
		plugins: { ...plugins, '@typescript-eslint': tsPlugin },
		linterOptions: noInlineDisables,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			...community.rules,
			...generalRules,
			// Main-repository-only rules (n8n's own docs slugs); the starter switched them off for community packages too.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-documentation-url-missing-omit': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: typescript,
		plugins: { ...plugins, '@typescript-eslint': tsPlugin },
		linterOptions: noInlineDisables,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			...community.rules,
			...generalRules,
			// Main-repository-only rules, switched off for community packages as the starter did.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
];
