import { allPages } from '../../../api/paged';
import { api, unwrap } from '../../../api/client';
import type { Claim, Remittance } from './types';

export function claimQuery(id: string) {
  return {
    queryKey: ['claims', id],
    queryFn: (): Promise<Claim> =>
      unwrap(api.GET('/api/v1/claims/{id}', { params: { path: { id } } })),
  };
}

export function remittanceQuery(id: string) {
  return {
    queryKey: ['remittances', id],
    queryFn: (): Promise<Remittance> =>
      unwrap(api.GET('/api/v1/remittances/{id}', { params: { path: { id } } })),
  };
}

/** The clinic's payers, whole (a filter's options). */
export function payersQuery() {
  return {
    queryKey: ['payers', 'list', 'all'],
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api.GET('/api/v1/payers', { params: { query: { limit: 100, cursor } } })),
      ),
  };
}

/** The 837P of a submission, as the API serves it (text/plain). */
export function submission837pPath(submissionId: string): string {
  return `/api/v1/claims/submissions/${submissionId}/837p`;
}

/** The claims of one bill (its page's section, and which claim a remittance paid on it). */
export function billClaimsQuery(billId: string) {
  return {
    queryKey: ['claims', 'list', { billId }],
    queryFn: () => unwrap(api.GET('/api/v1/claims', { params: { query: { billId, limit: 100 } } })),
  };
}
