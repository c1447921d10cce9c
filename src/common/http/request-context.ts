import { AsyncLocalStorage } from 'node:async_hooks';

export interface PendingIdempotentResponse {
  readonly clinicId: string;
  readonly userId: string;
  readonly key: string;
  readonly requestHash: string;
  readonly statusCode: number;
  readonly ownerToken: string;
}

/** What one HTTP request carries through the async calls that serve it. */
export interface RequestContext {
  readonly requestId: string;
  idempotency?: PendingIdempotentResponse;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
