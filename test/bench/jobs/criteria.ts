/** One requirement of a job (from its issue), with what was measured against it. */
export interface Criterion {
	measure: string;
	measured: string;
	required: string;
	/** undefined when the figure could not be measured. */
	met: boolean | undefined;
}

export function criterion(measure: string, value: number | undefined, required: { atMost: number } | { equals: number }, format: (n: number) => string, requiredText?: string): Criterion {
	const bound = 'atMost' in required ? required.atMost : required.equals;
	const met = value === undefined ? undefined : 'atMost' in required ? value <= required.atMost : value === required.equals;
	return {
		measure,
		measured: value === undefined ? '—' : format(value),
		required: requiredText ?? `${'atMost' in required ? '≤' : '='} ${format(bound)}`,
		met,
	};
}
