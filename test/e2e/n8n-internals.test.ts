/**
 * The parameter reader's assumptions about n8n's private expression handling (each named in
 * nodes/QuickBooksSync/actions/common/expressionInternals.ts), checked against the very n8n-workflow and
 * n8n-core each pinned n8n line loads: an n8n upgrade that changes one fails here, naming it. No n8n is
 * started; the real runs of the reader are test/node/action/run-parameters.test.ts (in-process) and the
 * e2e workflow files (action-workflow, mcp-tool for the AI-tool run).
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';

import type { ExpressionParser } from 'n8n-workflow';

import {
	cleanupParameterValue,
	isExpression,
	isToolRun,
	listExpression,
	wholeValueCode,
} from '../../nodes/QuickBooksSync/actions/common/expressionInternals';
import { cacheRoot } from '../../scripts/n8n/versions';
import { e2eVersions } from './harness/versions';

/** The parts of a line's n8n-workflow and n8n-core these checks call. */
interface LineInternals {
	workflowVersion: string;
	splitExpression: typeof ExpressionParser.splitExpression;
	isExpression: (value: unknown) => boolean;
	extendSyntax: (expression: string) => string;
	/** n8n's evaluator (Tournament, with n8n's sandbox hooks) on plain data. */
	evaluate: (expression: string, data: Record<string, unknown>) => unknown;
	/** Whether n8n shows a parameter with `displayOptions.show['@tool']: [true]` for a node of this type. */
	showsToolOnlyParameter: (nodeType: string) => boolean;
	cleanupParameterData: (value: unknown) => void;
	DateTime: { fromISO(text: string, options: { zone: string }): { toString(): string } };
}

/** Loads what the line's own `n8n` package resolves: its n8n-workflow, n8n-core and Luxon. */
function loadLine(version: string): LineInternals {
	const fromN8n = createRequire(path.join(cacheRoot(), `n8n-${version}`, 'node_modules', 'n8n', 'package.json'));
	const workflowEntry = fromN8n.resolve('n8n-workflow');
	const fromWorkflow = createRequire(workflowEntry);
	const workflow = fromN8n('n8n-workflow') as {
		ExpressionParser: typeof ExpressionParser;
		isExpression: (value: unknown) => boolean;
		Expression: { resolveWithoutWorkflow(expression: string, data: Record<string, unknown>): unknown };
		NodeHelpers: { displayParameter(values: object, parameter: object, node: object, description: object): boolean };
	};
	// Not exported by either package: loaded by file, as n8n loads it.
	const { extendSyntax } = fromWorkflow(path.join(path.dirname(workflowEntry), 'extensions', 'expression-extension.js')) as LineInternals;
	const coreDir = path.dirname(fromN8n.resolve('n8n-core/package.json'));
	const { cleanupParameterData } = fromN8n(
		path.join(coreDir, 'dist', 'execution-engine', 'node-execution-context', 'utils', 'cleanup-parameter-data.js'),
	) as LineInternals;
	const toolOnly = { name: 'toolOnly', displayName: 'Tool Only', type: 'string', default: '', displayOptions: { show: { '@tool': [true] } } };
	return {
		workflowVersion: (fromN8n('n8n-workflow/package.json') as { version: string }).version,
		splitExpression: workflow.ExpressionParser.splitExpression,
		isExpression: workflow.isExpression,
		extendSyntax,
		evaluate: (expression, data) => workflow.Expression.resolveWithoutWorkflow(expression, data),
		showsToolOnlyParameter: (nodeType) =>
			workflow.NodeHelpers.displayParameter({}, toolOnly, { typeVersion: 1, parameters: {} }, { name: nodeType, displayName: 'X', properties: [] }),
		cleanupParameterData,
		DateTime: (createRequire(path.join(coreDir, 'package.json'))('luxon') as { DateTime: LineInternals['DateTime'] }).DateTime,
	};
}

/** Whole-value codes the reader combines, and what the item holds. */
const COMBINABLE = [' $json.customer ', '$json.lines[0].qty', " $json['Customer Name'] ", '$json.missing', '$json.a ?? "none"', '1 + 2', ' [1, 2] ', ' { total: $json.lines[0].qty * 2 } ', ' $json.customer // a comment '];
const ITEM = { customer: 'Rita Plumbing', lines: [{ qty: 3 }], 'Customer Name': "O'Neil & Sons" };

/** Values the reader must leave to n8n (evaluated alone): text around the code, two codes, calls, not closed, `}}` in a string. */
const NOT_COMBINABLE = [
	'=Order {{ $json.id }}',
	'={{ $json.id }} ',
	'={{ $json.a }}{{ $json.b }}',
	'={{ $json.note.toUpperCase() }}',
	'={{ $json.lines.sum() }}',
	'={{ Math.max(1, 2) }}',
	'={{ $json.a?.() }}',
	'={{ $json.a ',
	"={{ $json['a}}b'] }}",
	'={{ }}',
	'=plain text',
	'{{ $json.a }}',
];

describe.each(e2eVersions())('n8n %s: what the parameter reader assumes about expressions', (version) => {
	const line = loadLine(version);

	it(`loads the line's own n8n-workflow (${version})`, () => {
		expect(line.workflowVersion).toMatch(version.startsWith('1.') ? /^1\./ : /^2\./);
	});

	it('1. an expression is text starting with "=", as n8n-workflow says', () => {
		for (const value of ['={{ 1 }}', '=', 'plain', '', ' ={{ 1 }}', 5, null, undefined, { value: '=x' }]) {
			expect([value, isExpression(value)]).toEqual([value, line.isExpression(value)]);
		}
	});

	it("2. n8n's splitter finds the one whole-value code, and nothing else, in the same places", () => {
		for (const code of COMBINABLE) expect([code, wholeValueCode(`={{${code}}}`, line.splitExpression)]).toEqual([code, code]);
		for (const raw of NOT_COMBINABLE) expect([raw, wholeValueCode(raw, line.splitExpression)]).toEqual([raw, undefined]);
	});

	it('3. n8n leaves code without method calls as written, alone and in the combined list', () => {
		for (const code of COMBINABLE) expect(line.extendSyntax(`={{${code}}}`)).toBe(`={{${code}}}`);
		const combined = `=${listExpression(COMBINABLE)}`;
		expect(line.extendSyntax(combined)).toBe(combined);
		// The reason calls are left out: n8n rewrites them (here to its `sum` extension).
		expect(line.extendSyntax('={{ $json.lines.sum() }}')).not.toBe('={{ $json.lines.sum() }}');
	});

	it('4. the combined list evaluates to each code as n8n evaluates it alone, in order', () => {
		const data = { $json: ITEM };
		const alone = COMBINABLE.map((code) => line.evaluate(`{{${code}}}`, data));
		expect(alone.slice(0, 3)).toEqual(['Rita Plumbing', 3, "O'Neil & Sons"]);
		expect(line.evaluate(listExpression(COMBINABLE), data)).toEqual(alone);
	});

	it("5. a node runs as an AI tool under its type plus 'Tool', the suffix n8n itself tests", () => {
		for (const type of ['n8n-nodes-quickbooks-sync.quickBooksSync', 'n8n-nodes-quickbooks-sync.quickBooksSyncTool', 'quickBooksSyncTrigger']) {
			expect([type, isToolRun(type)]).toEqual([type, line.showsToolOnlyParameter(type)]);
		}
	});

	it("6. getNodeParameter's clean-up turns a DateTime under an object key into its text, as the reader does", () => {
		const make = () => {
			const when = line.DateTime.fromISO('2026-03-01T10:00:00', { zone: 'Europe/Berlin' });
			return { at: when, list: [when, { at: when }], nested: { deeper: { at: when } }, text: 'x', none: null };
		};
		const theirs = make();
		const ours = make();
		line.cleanupParameterData(theirs);
		cleanupParameterValue(ours);
		expect(ours).toEqual(theirs);
		expect(typeof ours.at).toBe('string');
	});
});
