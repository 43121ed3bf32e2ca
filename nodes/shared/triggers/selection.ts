import { DERIVED_EVENTS, DIRECT_VERBS, watchableEntity, type EventVerb } from './entities';

/** What the user asked a trigger to report. */
export interface Selection {
	/** Entities to ask QuickBooks about, canonical names, in a stable order. */
	entities: string[];
	/** True when the user wants this verb for this entity. */
	wants(entity: string, verb: EventVerb): boolean;
	/** True when some wanted verb of this entity needs the object's previous state. */
	needsState(entity: string): boolean;
}

/** Verbs that are told apart by comparing with what the object looked like before. */
const STATEFUL_VERBS: readonly EventVerb[] = ['voided', 'emailed', 'paid', 'partially_paid', 'accepted', 'deleted'];

/**
 * Builds the selection from the node's parameters: direct verbs apply to every chosen entity that
 * has them; a derived event ('invoice.paid') adds its entity for that event alone.
 */
export function buildSelection(entityNames: string[], verbs: string[], derived: string[]): Selection {
	const wanted = new Map<string, Set<EventVerb>>();
	const add = (entity: string, verb: EventVerb) => {
		const known = watchableEntity(entity);
		if (!known || !known.verbs.includes(verb)) return;
		if (!wanted.has(known.name)) wanted.set(known.name, new Set());
		wanted.get(known.name)!.add(verb);
	};
	for (const entity of entityNames) {
		for (const verb of verbs) {
			if ((DIRECT_VERBS as readonly string[]).includes(verb)) add(entity, verb as EventVerb);
		}
	}
	for (const value of derived) {
		const event = DERIVED_EVENTS.find((candidate) => candidate.value === value);
		if (event) add(event.entity, event.verb);
	}
	const entities = [...wanted.keys()].sort();
	return {
		entities,
		wants: (entity, verb) => wanted.get(watchableEntity(entity)?.name ?? entity)?.has(verb) ?? false,
		needsState: (entity) => {
			const set = wanted.get(watchableEntity(entity)?.name ?? entity);
			if (!set) return false;
			// Names report 'deleted' as "made inactive", which needs the previous Active flag; documents are told by CDC.
			const isName = watchableEntity(entity)?.isName ?? false;
			return STATEFUL_VERBS.some((verb) => set.has(verb) && (verb !== 'deleted' || isName));
		},
	};
}
