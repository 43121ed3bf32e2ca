import { QboFault, type FaultError } from '../../src/contracts';

/** Runs `fn` expecting the single-error 400 ValidationFault QuickBooks answers a bad query with. */
export function faultOf(fn: () => unknown): FaultError {
	let thrown: unknown;
	try {
		fn();
	} catch (error) {
		thrown = error;
	}
	if (thrown === undefined) throw new Error('expected a QboFault, got none');
	expect(thrown).toBeInstanceOf(QboFault);
	const fault = thrown as QboFault;
	expect(fault.status).toBe(400);
	expect(fault.type).toBe('ValidationFault');
	expect(fault.errors).toHaveLength(1);
	return fault.errors[0];
}

/** Quotes a value the way clients must: backslash first, then the apostrophe. */
export function quote(value: string): string {
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
