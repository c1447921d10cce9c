import { Text } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { usePagedList } from '../../api/paged';
import { formatDate, formatMoney } from '../../lib/format';
import {
  ActiveFilters,
  BillingListPage,
  numberColumn,
  PatientFilter,
  patientColumn,
  statusColumn,
  type Column,
} from './BillingListPage';
import { FREQUENCY_OPTIONS, labelOf } from './labels';
import type { PaymentPlan } from './types';

const PAGE_SIZE = 25;

const COLUMNS: readonly Column<PaymentPlan>[] = [
  numberColumn(
    'Payment plan',
    (plan) => `/billing/payment-plans/${plan.id}`,
    (plan) => plan.paymentPlanNumber,
  ),
  patientColumn,
  statusColumn,
  {
    header: 'Schedule',
    cell: (plan) =>
      `${plan.installmentCount} × ${labelOf(FREQUENCY_OPTIONS, plan.frequency).toLowerCase()}`,
  },
  { header: 'First due', cell: (plan) => formatDate(plan.firstDueDate) },
  { header: 'Deposit', amount: true, cell: (plan) => formatMoney(plan.depositAmount) },
  { header: 'Financed', amount: true, cell: (plan) => formatMoney(plan.financedAmount) },
  { header: 'Balance', amount: true, strong: true, cell: (plan) => formatMoney(plan.balance) },
];

/** The clinic's payment plans, newest first; `?patientId=` or `?quoteId=` narrow them. */
export function PaymentPlansPage() {
  const [params, setParams] = useSearchParams();
  const patientId = params.get('patientId') ?? undefined;
  const quoteId = params.get('quoteId') ?? undefined;
  const filters = { patientId, quoteId };
  const filtered = patientId !== undefined || quoteId !== undefined;

  const query = usePagedList({
    queryKey: ['payment-plans', 'list', filters],
    page: (cursor) =>
      unwrap(
        api.GET('/api/v1/payment-plans', {
          params: { query: { ...filters, limit: PAGE_SIZE, cursor } },
        }),
      ),
  });

  return (
    <BillingListPage
      title="Payment plans"
      filters={
        filtered && (
          <ActiveFilters
            mb="md"
            clearLabel="Show all payment plans"
            onClear={() => setParams(new URLSearchParams(), { replace: true })}
          >
            {patientId !== undefined && <PatientFilter id={patientId} />}
            {quoteId !== undefined && <Text span>For one quote</Text>}
          </ActiveFilters>
        )
      }
      query={query}
      empty={
        filtered
          ? 'No payment plans match.'
          : 'No payment plans yet. A payment plan is set up from an accepted quote.'
      }
      columns={COLUMNS}
    />
  );
}
