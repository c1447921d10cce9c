import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one HTTP request carries through the async calls that serve it. The open transaction
 * travels separately, with the use case (`TransactionRunner`).
 */
export interface RequestContext {
  readonly requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
