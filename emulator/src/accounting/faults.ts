import { QboFault } from '../contracts';

/** Faults as QuickBooks Online spells them (messages taken from recorded sandbox responses). */

const INACTIVE_DETAIL =
	"Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.";

/** 610: an id that does not exist on read, or a reference to an inactive object. */
export function objectNotFound(element?: string): QboFault {
	return QboFault.validation('610', 'Object Not Found', `Object Not Found : ${INACTIVE_DETAIL}`, element);
}

/** 2030: an Id that is not a number (`/customer/1.5`); Intuit's error-code list: "Invalid ID". */
export function invalidId(supplied: string): QboFault {
	return QboFault.validation('2030', 'Invalid ID', `Id should be a valid number. Supplied value:${supplied.slice(0, 60)}`, 'id');
}

/** 2500: a reference to an id that does not exist. `kind` is QuickBooks' table word ("Accounts", "Item", …). */
export function invalidReference(kind: string, id: string, element: string): QboFault {
	return QboFault.validation('2500', 'Invalid Reference Id', `Invalid Reference Id : ${kind} element id ${id} not found`, element);
}

/** 2020: a required field is absent. */
export function requiredMissing(element: string): QboFault {
	return QboFault.validation(
		'2020',
		'Required param missing, need to supply the required value for the API',
		`Required parameter ${element} is missing in the request`,
		element,
	);
}

/** 2050: a string longer than the schema allows (lengths counted like Java: UTF-16 units). */
export function badLength(element: string, max: number, supplied: number): QboFault {
	return QboFault.validation(
		'2050',
		'String length is either shorter or longer than supported by specification',
		`String length specified does not match the supported length. Min:0 Max:${max} supported. Supplied length:${supplied}`,
		element,
	);
}

/** 2010: the body is not an object of the entity, or holds a property of the wrong kind. */
export function invalidProperty(element?: string): QboFault {
	return QboFault.validation('2010', 'Request has invalid or unsupported property', 'Property specified is unsupported or invalid', element);
}

/** 2170: a value outside an enumeration. */
export function invalidEnumeration(element: string, value: unknown): QboFault {
	return QboFault.validation('2170', 'Invalid Enumeration', `Invalid Enumeration : ${String(value)}`, element);
}

/** 5010: the SyncToken sent is not the current one. */
export function staleObject(): QboFault {
	return QboFault.validation(
		'5010',
		'Stale Object Error',
		'Stale Object Error : You and Sandbox Admin were working on this at the same time. Sandbox Admin finished before you did, so your work was not saved.',
	);
}

/** 6000: QuickBooks' catch-all business rule violation. */
export function businessValidation(detail: string, element?: string): QboFault {
	return QboFault.validation('6000', 'A business validation error has occurred while processing your request', `Business Validation Error: ${detail}`, element);
}

/** 6240: DisplayName (names) or Name (items, accounts …) already taken; Detail names the holder's Id as QBO does. */
export function duplicateName(holderId: string): QboFault {
	return QboFault.validation('6240', 'Duplicate Name Exists Error', `The name supplied already exists. : Id=${holderId}`);
}

/** 6140: DocNumber already used by a transaction of that type. */
export function duplicateDocNumber(docNumber: string, txnType: string, txnId: string): QboFault {
	return QboFault.validation(
		'6140',
		'Duplicate Document Number Error',
		`Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=${txnType} with TxnId=${txnId}`,
	);
}

/** 6070: Amount ≠ Qty × UnitPrice on a sales line. */
export function amountMismatch(supplied: number): QboFault {
	return QboFault.validation(
		'6070',
		'Amount calculation incorrect in the request',
		`Amount is not equal to UnitPrice * Qty. Supplied value:${supplied}`,
		'Line.Amount',
	);
}

/** 6080: no name at all on a Customer/Vendor/Employee. */
export function noNameProvided(): QboFault {
	return QboFault.validation(
		'6080',
		'No Name Provided',
		'Title, GivenName, MiddleName, FamilyName, DisplayName, Suffix - one of these must be non-empty',
	);
}

/** 6090: a discount line without an amount or a percent. */
export function discountIncomplete(): QboFault {
	return QboFault.validation('6090', 'Discount Line missing required info.', 'Discount amount or percent should be provided.', 'Line.DiscountLineDetail');
}

/** 6100: a US line tax code other than TAX/NON. */
export function invalidUsLineTaxCode(value: string): QboFault {
	return QboFault.validation(
		'6100',
		'Invalid Line TaxCode in the request',
		`Valid Line TaxCodes for US should be TAX or NON. Supplied value:${value}`,
		'Line.SalesItemLineDetail.TaxCodeRef',
	);
}

/** 500: the operation is not offered for this entity (e.g. deleting a Customer). */
export function unsupportedOperation(operation: string): QboFault {
	return QboFault.validation('500', 'Unsupported Operation', `Operation ${operation} is not supported.`);
}

/** 403 for a realm this emulator does not host (QBO answers an unknown company id with an authorization fault). */
export function unknownRealm(realmId: string): QboFault {
	return new QboFault(403, 'AuthorizationFault', [
		{ Message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', Detail: `Unknown company ${realmId}`, code: '3100' },
	]);
}
