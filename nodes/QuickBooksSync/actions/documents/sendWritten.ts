import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { entityPath } from '../../sync/api';
import { qboRequest } from '../../../shared/transport';
import type { RunResults } from '../common/results';

/**
 * Has QuickBooks email the documents this run wrote (F2 "Send invoice"). A document with no billing
 * email is left unsent and says so (`_sent: false`, `_sendSkipped`); a failed send fails its item,
 * whose document stays written (the error says so).
 */
export async function sendWritten(ctx: IExecuteFunctions, entity: string, itemIndexes: number[], results: RunResults): Promise<void> {
	await Promise.all(
		itemIndexes.map(async (itemIndex) => {
			const written = results.jsonOf(itemIndex);
			if (!written || written.error !== undefined) return;
			const address = (written.BillEmail as IDataObject | undefined)?.Address;
			if (!address) {
				Object.assign(written, { _sent: false, _sendSkipped: 'No billing email on the document or its customer' });
				return;
			}
			// A replay that skipped an already emailed document does not email the customer again.
			if (written._action === 'skipped' && written.EmailStatus === 'EmailSent') {
				Object.assign(written, { _sent: false, _sendSkipped: 'Already emailed' });
				return;
			}
			try {
				const response = (await qboRequest.call(ctx, {
					method: 'POST',
					path: `${entityPath(entity)}/${String(written.Id)}/send`,
					body: '',
					contentType: 'application/octet-stream',
					itemIndex,
				})) as IDataObject;
				const sent = (response[entity] ?? response) as IDataObject;
				Object.assign(written, { EmailStatus: sent.EmailStatus, DeliveryInfo: sent.DeliveryInfo, _sent: true });
			} catch (error) {
				results.noteWrite(itemIndex, `wrote ${entity} ${String(written.Id)} but could not send it`);
				results.fail(itemIndex, error);
			}
		}),
	);
}
