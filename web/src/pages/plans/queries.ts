import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export function consultationsQuery(patientId: string) {
  return queryOptions({
    queryKey: ['consultations', 'list', { patientId }],
    queryFn: () =>
      unwrap(api.GET('/api/v1/consultations', { params: { query: { patientId, limit: 100 } } })),
  });
}
