import { api, unwrap } from '../../api/client';

export function paymentPlanQuery(id: string) {
  return {
    queryKey: ['payment-plans', id],
    queryFn: () => unwrap(api.GET('/api/v1/payment-plans/{id}', { params: { path: { id } } })),
  };
}
