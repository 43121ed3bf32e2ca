import type { Operation, OperationModule, OperationOption } from './types';

/** An entry of a resource's Operation list: `value` is what workflows store, `name` what the list shows. */
export function option(value: string, name: string, description: string, action: string): OperationOption {
	return { name, value, description, action };
}

/** Registers an operation module under its entry in the Operation list. */
export function registered(value: string, name: string, description: string, action: string, module: OperationModule): Operation {
	return { option: option(value, name, description, action), description: module.description, execute: module.execute };
}
