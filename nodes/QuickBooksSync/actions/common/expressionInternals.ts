import { ExpressionParser } from 'n8n-workflow';

/**
 * Everything the parameter reader (runParameters.ts) assumes about n8n beyond the node API that
 * community nodes are promised: five pieces of n8n's expression handling, each named with the n8n code
 * it mirrors and why the reader needs it. test/e2e/n8n-internals.test.ts checks every one against the
 * n8n-workflow and n8n-core that each pinned n8n line (1.x and 2.x) loads; when an n8n upgrade breaks one,
 * that test names it, and the fix belongs here (or the reader leaves that case to getNodeParameter).
 */

export type SplitExpression = typeof ExpressionParser.splitExpression;

/** 1. A parameter value is an expression when it is text starting with '=' (n8n-workflow's isExpression). */
export function isExpression(value: unknown): value is string {
	return typeof value === 'string' && value.charAt(0) === '=';
}

/**
 * 2. The code of `={{ code }}` when that one closed code chunk is the whole value, found with n8n's own
 *    splitter (ExpressionParser.splitExpression), so a value splits exactly as n8n splits it.
 * 3. ... and only code n8n runs as written: n8n rewrites method calls to its extension functions per
 *    whole expression (extendSyntax: `$json.total.round()` becomes `extend(…)`), so code with a call, or
 *    with `{{`/`}}` of its own, is left out (undefined) and evaluated alone.
 */
export function wholeValueCode(raw: string, split: SplitExpression = ExpressionParser.splitExpression): string | undefined {
	const [head, code, ...rest] = split(raw);
	if (!head || head.type !== 'text' || head.text !== '=' || !code || code.type !== 'code' || !code.hasClosingBrackets) return undefined;
	if (rest.some((chunk) => chunk.text !== '')) return undefined;
	const text = code.text;
	if (!text.trim() || /(\.\s*[\w$]+|\])\s*(\?\.)?\s*\(/.test(text) || /\{\{|\}\}/.test(text)) return undefined;
	return text;
}

/**
 * 4. n8n evaluates a list of such codes, `{{ [(a),(b)] }}`, to [a, b], each as that code alone gives it
 *    for the same item. Each code stands on lines of its own, so a trailing `// comment` ends there. The
 *    text is what IExecuteFunctions.evaluateExpression takes: without the leading '=' (it adds one).
 */
export function listExpression(codes: string[]): string {
	return `{{ [${codes.map((code) => `(\n${code}\n)`).join(',\n')}] }}`;
}

/**
 * 5. A node marked usableAsTool runs under its type plus 'Tool' when an AI agent calls it (n8n's
 *    NodeTypes registers `${type}Tool`; its `@tool` display option tests the same suffix). In such a run
 *    `$json` is the agent's request, not the node's input item, so it is never read straight from the item.
 */
export function isToolRun(nodeType: string): boolean {
	return nodeType.endsWith('Tool');
}

/**
 * 6. What getNodeParameter does to an evaluated value before returning it, for parameters without
 *    validateType (none of ours has one: test/node/action/run-parameters.test.ts checks): n8n-core's
 *    cleanupParameterData turns a Luxon DateTime held by an object key into its string, in place.
 */
export function cleanupParameterValue(value: unknown): void {
	if (value === null || typeof value !== 'object') return;
	if (Array.isArray(value)) {
		value.forEach(cleanupParameterValue);
		return;
	}
	const object = value as Record<string, unknown>;
	for (const key of Object.keys(object)) {
		const element = object[key];
		if (element === null || typeof element !== 'object') continue;
		if (isDateTime(element)) object[key] = String(element);
		else cleanupParameterValue(element);
	}
}

/** Luxon's own test (DateTime.isDateTime), without importing Luxon: published nodes have no dependencies. */
function isDateTime(value: object): boolean {
	return (value as { isLuxonDateTime?: boolean }).isLuxonDateTime === true;
}
