import type { Clock, WriteOptions } from '../contracts';
import type { RealmState } from './store';
import type { Obj } from './values';

/** What an entity's rules may use while validating and applying a write. */
export interface WriteContext {
	realm: RealmState;
	clock: Clock;
	/** Options of the write (include=allowduplicatedocnum …). */
	opts: WriteOptions;
	/** The current object, or undefined. */
	get(entity: string, id: string): Obj | undefined;
	/** Resolves a reference that must exist (2500) and be active (610); returns the referenced object. */
	ref(entity: string, value: unknown, element: string): Obj;
	/** Holder of a uniqueness key, if any. */
	holder(key: string): { entity: string; id: string } | undefined;
	/** The company's Preferences object. */
	prefs(): Obj;
	/** Change another stored object as a side effect (bumps SyncToken/MetaData, emits an Update). */
	touch(entity: string, id: string, change: (obj: Obj) => void): void;
	/** Adds `delta` to a customer's open balance (and BalanceWithJobs up its parents); no SyncToken change. */
	adjustCustomerBalance(customerId: string, delta: number): void;
}

export type EntityKind = 'name' | 'list' | 'txn' | 'readonly';

/** The rules of one entity. `build` validates and computes; it must not change state (writes stay atomic). */
export interface EntityRules {
	name: string;
	kind: EntityKind;
	/** Id sequence shared with other entities ('name', 'txn') or its own. */
	sequence: string;
	/** Validates `input` (a create when `prev` is undefined) and returns the object to store, minus Id/SyncToken/MetaData. */
	build?(ctx: WriteContext, input: Obj, prev: Obj | undefined): Obj;
	/** Uniqueness keys the object holds (case-folded). */
	keys?(obj: Obj): string[];
	/** Side effects once `next` is stored (prev undefined on create). */
	afterWrite?(ctx: WriteContext, next: Obj, prev: Obj | undefined): void;
	/** Checks (throwing) then undoes side effects before a delete or a void. */
	beforeRemove?(ctx: WriteContext, current: Obj, mode: 'delete' | 'void'): void;
	/** The object after a void (amounts zeroed). */
	voided?(ctx: WriteContext, current: Obj): Obj;
	deletable?: boolean;
	sendable?: boolean;
	printable?: boolean;
}
