import { Group, Select } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { usePagedList } from '../../api/paged';
import { useSetSearchParam } from '../../components/useSetSearchParam';
import { formatDateTime, formatMoney } from '../../lib/format';
import {
  ActiveFilters,
  BillingListPage,
  numberColumn,
  PatientFilter,
  patientColumn,
  statusColumn,
  type Column,
} from './BillingListPage';
import { BILL_STATUS_OPTIONS, isBillStatus } from './labels';
import type { Bill } from './types';

const PAGE_SIZE = 25;

const COLUMNS: readonly Column<Bill>[] = [
  numberColumn(
    'Bill',
    (bill) => `/billing/bills/${bill.id}`,
    (bill) => bill.billNumber,
  ),
  patientColumn,
  statusColumn,
  { header: 'Issued', cell: (bill) => formatDateTime(bill.issuedAt) },
  { header: 'Total', amount: true, cell: (bill) => formatMoney(bill.total) },
  { header: 'Insurance', amount: true, cell: (bill) => formatMoney(bill.insuranceTotal) },
  { header: 'Patient portion', amount: true, cell: (bill) => formatMoney(bill.patientTotal) },
  { header: 'Paid', amount: true, cell: (bill) => formatMoney(bill.paid) },
  { header: 'Balance', amount: true, strong: true, cell: (bill) => formatMoney(bill.balance) },
];

/** The bills of the clinic, newest first; `?status=` and `?patientId=` narrow them. */
export function BillsPage() {
  const [params] = useSearchParams();
  const setFilter = useSetSearchParam();
  const rawStatus = params.get('status');
  const status = isBillStatus(rawStatus) ? rawStatus : undefined;
  const patientId = params.get('patientId') ?? undefined;
  const filters = { status, patientId };

  const query = usePagedList({
    queryKey: ['bills', 'list', filters],
    page: (cursor) =>
      unwrap(
        api.GET('/api/v1/bills', { params: { query: { ...filters, limit: PAGE_SIZE, cursor } } }),
      ),
  });

  return (
    <BillingListPage
      title="Bills"
      filters={
        <Group mb="md" wrap="wrap" align="flex-end">
          <Select
            label="Status"
            placeholder="Any status"
            data={BILL_STATUS_OPTIONS}
            value={status ?? null}
            onChange={(value) => setFilter('status', value)}
            clearable
            w={200}
          />
          {patientId !== undefined && (
            <ActiveFilters
              clearLabel="Show all patients"
              onClear={() => setFilter('patientId', null)}
            >
              <PatientFilter id={patientId} />
            </ActiveFilters>
          )}
        </Group>
      }
      query={query}
      empty={
        status !== undefined || patientId !== undefined
          ? 'No bills match these filters.'
          : 'No bills yet. A bill is made when a surgical case is completed.'
      }
      columns={COLUMNS}
    />
  );
}
