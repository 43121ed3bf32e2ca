import type { INode } from 'n8n-workflow';
import { NodeError, NodeOperationError } from 'n8n-workflow';

/**
 * The error to throw from a catch block: n8n's own errors (NodeApiError, NodeOperationError) pass
 * through unchanged; anything else (a bug, a socket error nobody wrapped) becomes a NodeOperationError,
 * so n8n shows it with the node and item it happened in instead of as a bare stack trace.
 */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeError {
	if (isNodeError(error)) return error;
	return new NodeOperationError(node, error as Error, itemIndex === undefined ? {} : { itemIndex });
}

/** By shape as well as by class: n8n's own helpers may throw from another copy of n8n-workflow. */
function isNodeError(error: unknown): error is NodeError {
	if (error instanceof NodeError) return true;
	return error instanceof Error && 'node' in error && typeof (error as { context?: unknown }).context === 'object';
}
