import { Button, Group, Select, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useInvalidate } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { createClaims, CreateClaimsResults } from './claims/CreateClaims';
import { canClaimBill } from './claims/lib';
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
  useRowSelection,
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

  const { can } = useAuth();
  const claims = can('claims.manage');
  const invalidate = useInvalidate();
  const selection = useRowSelection(query.data ?? [], canClaimBill, {
    all: 'Select every bill shown that can have a claim',
    row: (bill) => `Select ${bill.billNumber}`,
  });
  const picked = selection.picked;
  const create = useMutation({
    mutationFn: createClaims,
    onSuccess: () => {
      selection.clear();
      void invalidate(['claims'], ['bills']);
    },
  });

  return (
    <BillingListPage
      title="Bills"
      filters={
        <>
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
          {claims && (
            <Group mb="md" gap="sm">
              <Button
                disabled={picked.length === 0}
                loading={create.isPending}
                onClick={() => create.mutate(picked)}
              >
                {picked.length === 0
                  ? 'Create claims'
                  : `Create claims for ${picked.length} ${picked.length === 1 ? 'bill' : 'bills'}`}
              </Button>
              <Text size="sm" c="dimmed">
                Pick open bills with an insurance balance: each gets a DRAFT claim for its insurance
                lines.
              </Text>
            </Group>
          )}
          {create.data !== undefined && (
            <CreateClaimsResults outcomes={create.data} onClose={() => create.reset()} />
          )}
        </>
      }
      query={query}
      empty={
        status !== undefined || patientId !== undefined
          ? 'No bills match these filters.'
          : 'No bills yet. A bill is made when a surgical case is completed.'
      }
      columns={claims ? [selection.column, ...COLUMNS] : COLUMNS}
      minWidth={claims ? 1000 : 900}
    />
  );
}
