/**
 * The only code of the pack that talks HTTP to QuickBooks Online. Operations and triggers import
 * from here; see each module for the why.
 */
export { CREDENTIAL_TYPE, getCompany, companyFromCredentials, type QboCompany, type QboFunctions } from './company';
export { HTTPS_RULE, isSecureOrLoopback } from './secureUrl';
export { qboRequest, companyOf, isRetryable, type QboRequestOptions } from './request';
export { escapeQueryValue, queryLiteral, QboQuery, MAX_PAGE_SIZE, type QueryOperator, type QueryValue } from './query';
export { literalSearch, type LiteralSearch, type TextMatch } from './literalText';
export { qboQueryAll, qboQueryPage, qboFindIn, DEFAULT_IN_CHUNK, type QueryOptions } from './queryAll';
export { qboBatch, BATCH_SIZE, type BatchOperation, type BatchResult, type BatchOptions } from './batch';
export { asNodeError } from './nodeError';
export { faultToNodeApiError, faultHint, findFault, type FaultContext, type QboFaultError } from './faults';
export { DEFAULT_RETRY_POLICY, resolveRetryPolicy, type RetryPolicy } from './retry';
export { transportConcurrencyStats, MAX_CONCURRENT_PER_REALM } from './concurrency';
