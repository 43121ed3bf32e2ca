import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../transport';

/**
 * What the descriptions of both QuickBooks triggers share: the QuickBooks credential, no inputs and one
 * output. The icon and the subtitle stay written out in each trigger: n8n's scanner checks them in the
 * node's own description (icon-validation, require-node-description-fields).
 */
export const triggerHeader = {
	group: ['trigger'],
	version: 1,
	inputs: [],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: CREDENTIAL_TYPE, required: true }],
} satisfies Partial<INodeTypeDescription>;
