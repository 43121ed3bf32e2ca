import { customerBody } from '../../../nodes/QuickBooksSync/sync/bodies';
import { calendarDate } from '../../../nodes/shared/dates';
import { recordKey } from '../../../nodes/QuickBooksSync/sync/cache';
import { declaredCustomFields } from '../../../nodes/QuickBooksSync/sync/customFields';
import { wantKey } from '../../../nodes/QuickBooksSync/sync/findOrCreate';

describe('pure helpers of the action node', () => {
	it('reads the declared sales custom fields and skips switched-off ones', () => {
		const flag = (n: number, on: boolean) => ({ Name: `SalesFormsPrefs.UseSalesCustomName${n}`, Type: 'BooleanType', BooleanValue: on });
		const label = (n: number, name: string) => ({ Name: `SalesFormsPrefs.SalesCustomName${n}`, Type: 'StringType', StringValue: name });
		const preferences = {
			Preferences: {
				SalesFormsPrefs: { CustomField: [{ CustomField: [flag(1, true), flag(2, false), flag(3, true)] }, { CustomField: [label(1, 'PO Number'), label(2, 'Old'), label(3, 'Shipping Method')] }] },
			},
		};
		expect(declaredCustomFields(preferences)).toEqual([
			{ name: 'PO Number', definitionId: '1' },
			{ name: 'Shipping Method', definitionId: '3' },
		]);
	});

	it('shapes customer fields as QuickBooks wants them, leaving empty ones out', () => {
		expect(
			customerBody({
				DisplayName: ' Zoë ',
				PrimaryEmailAddr: 'z@example.com',
				PrimaryPhone: '555',
				ParentRef: '4',
				Notes: '',
				BillAddr: { address: { City: 'Toronto', CountrySubDivisionCode: 'ON', Line1: '' } },
			}),
		).toEqual({
			DisplayName: 'Zoë',
			PrimaryEmailAddr: { Address: 'z@example.com' },
			PrimaryPhone: { FreeFormNumber: '555' },
			ParentRef: { value: '4' },
			Job: true,
			BillAddr: { City: 'Toronto', CountrySubDivisionCode: 'ON' },
		});
	});

	it('turns n8n date-times into QuickBooks dates', () => {
		const qboDate = (value: unknown) => calendarDate(value, 'UTC').date;
		expect(qboDate('2026-03-04')).toBe('2026-03-04');
		expect(qboDate('2026-03-04T10:00:00.000Z')).toBe('2026-03-04');
		expect(qboDate('2026-03-04T23:30:00-05:00')).toBe('2026-03-04');
		expect(qboDate(new Date('2026-03-04T12:00:00Z').toISOString())).toBe('2026-03-04');
		expect(qboDate('')).toBeUndefined();
	});

	it('treats names as QuickBooks does: case and outer spaces do not matter', () => {
		expect(recordKey('Customer', 'DisplayName', "  Amy's BIRD ")).toBe(recordKey('Customer', 'DisplayName', "amy's bird"));
		expect(wantKey({ field: 'Name', value: 'Labour' })).toBe(wantKey({ field: 'Name', value: 'labour ' }));
		expect(wantKey({ field: 'Name', value: 'Labour' })).not.toBe(wantKey({ field: 'DisplayName', value: 'Labour' }));
	});
});
