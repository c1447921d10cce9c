import { ALERT_TEXT } from './lib';
import { Alert, Anchor, Button, Group, Select, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { usePagedList } from '../../../api/paged';
import { useInvalidate } from '../../../api/queries';
import { DownloadButton } from '../../../components/DownloadButton';
import { notifySuccess } from '../../../components/forms';
import { useSetSearchParam } from '../../../components/useSetSearchParam';
import { formatMoney } from '../../../lib/format';
import {
  ActiveFilters,
  BillingListPage,
  numberColumn,
  PatientFilter,
  statusColumn,
  useRowSelection,
  type Column,
} from '../BillingListPage';
import { ClaimDataErrors } from './ClaimDataErrors';
import { agingColor, agingLabel, CLAIM_STATUS_OPTIONS, isClaimStatus, x12FileName } from './lib';
import { payersQuery, submission837pPath } from './queries';
import type { ClaimListItem, ClaimSubmission } from './types';

const PAGE_SIZE = 25;

/**
 * The claims worklist: by status and payer, with the aging of each submitted claim; DRAFT claims
 * are picked and sent together in one interchange ("Submit N claims"), whose 837P is then there
 * to download.
 */
export function ClaimsPage() {
  const [params] = useSearchParams();
  const setFilter = useSetSearchParam();
  const rawStatus = params.get('status');
  const status = isClaimStatus(rawStatus) ? rawStatus : undefined;
  const payerId = params.get('payerId') ?? undefined;
  const patientId = params.get('patientId') ?? undefined;
  const filters = { status, payerId, patientId };
  const payers = useQuery(payersQuery());
  const invalidate = useInvalidate();

  const query = usePagedList({
    queryKey: ['claims', 'list', filters],
    page: (cursor) =>
      unwrap(
        api.GET('/api/v1/claims', { params: { query: { ...filters, limit: PAGE_SIZE, cursor } } }),
      ),
  });

  const rows: ClaimListItem[] = query.data ?? [];
  const selection = useRowSelection(rows, (claim) => claim.status === 'DRAFT', {
    all: 'Select every draft claim shown',
    row: (claim) => `Select ${claim.claimNumber}`,
  });
  const picked = selection.picked;

  const submit = useMutation({
    mutationFn: (claimIds: string[]): Promise<ClaimSubmission> =>
      unwrap(api.POST('/api/v1/claims/submissions', { body: { claimIds } })),
    onSuccess: (submission) => {
      selection.clear();
      notifySuccess(
        `${submission.claimIds.length} ${submission.claimIds.length === 1 ? 'claim' : 'claims'} submitted.`,
      );
      void invalidate(['claims'], ['bills']);
    },
  });

  const columns: readonly Column<ClaimListItem>[] = [
    selection.column,
    numberColumn(
      'Claim',
      (claim) => `/billing/claims/${claim.id}`,
      (claim) => claim.claimNumber,
    ),
    {
      header: 'Patient',
      cell: (claim) => (
        <Anchor component={Link} to={`/patients/${claim.patientId}`}>
          {claim.patientName}
        </Anchor>
      ),
    },
    { header: 'Payer', cell: (claim) => claim.payer.name },
    {
      header: 'Total',
      amount: true,
      nowrap: true,
      cell: (claim) => formatMoney(claim.totalCharge),
    },
    { header: 'Paid', amount: true, nowrap: true, cell: (claim) => formatMoney(claim.paid) },
    statusColumn,
    {
      header: 'Aging',
      amount: true,
      nowrap: true,
      cell: (claim) => (
        <Text span inherit c={agingColor(claim.daysSinceSubmission)}>
          {agingLabel(claim.daysSinceSubmission)}
        </Text>
      ),
    },
  ];

  return (
    <BillingListPage
      title="Claims"
      filters={
        <>
          <Group mb="md" wrap="wrap" align="flex-end">
            <Select
              label="Status"
              placeholder="Any status"
              data={CLAIM_STATUS_OPTIONS}
              value={status ?? null}
              onChange={(value) => setFilter('status', value)}
              clearable
              w={200}
            />
            <Select
              label="Payer"
              placeholder="Any payer"
              data={(payers.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={payerId ?? null}
              onChange={(value) => setFilter('payerId', value)}
              clearable
              searchable
              w={260}
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
          <Group mb="md" gap="sm">
            <Button
              disabled={picked.length === 0}
              loading={submit.isPending}
              onClick={() => submit.mutate(picked.map((c) => c.id))}
            >
              {picked.length === 0
                ? 'Submit claims'
                : `Submit ${picked.length} ${picked.length === 1 ? 'claim' : 'claims'}`}
            </Button>
            <Text size="sm" c="dimmed">
              Pick DRAFT claims to send them together in one 837P file.
            </Text>
          </Group>
          {submit.data !== undefined && (
            <SubmissionDone submission={submit.data} onClose={() => submit.reset()} />
          )}
          {submit.error !== null && (
            <ClaimDataErrors error={submit.error} title="The claims were not submitted" mb="md" />
          )}
        </>
      }
      query={query}
      empty={
        status !== undefined || payerId !== undefined || patientId !== undefined
          ? 'No claims match these filters.'
          : 'No claims yet. Make one from an open bill with an insurance balance ("Create claims" on the bills list).'
      }
      columns={columns}
      // Every column, aging included, in the main area at 1024 px.
      minWidth={780}
    />
  );
}

/** The interchange just sent: its control number and its 837P to download. */
export function SubmissionDone({
  submission,
  onClose,
}: {
  submission: ClaimSubmission;
  onClose?: () => void;
}) {
  const count = submission.claimIds.length;
  return (
    <Alert
      color="green"
      styles={ALERT_TEXT}
      title={`Submitted in interchange ${submission.interchangeControlNumber}`}
      mb="md"
      withCloseButton={onClose !== undefined}
      closeButtonLabel="Dismiss"
      onClose={onClose}
    >
      <Group justify="space-between" wrap="wrap">
        <Text size="sm">
          {count} {count === 1 ? 'claim is' : 'claims are'} now SUBMITTED. Send the 837P file to the
          clearinghouse.
        </Text>
        <DownloadButton
          path={submission837pPath(submission.id)}
          fileName={x12FileName('837P', submission.interchangeControlNumber)}
          size="xs"
        >
          Download 837P
        </DownloadButton>
      </Group>
    </Alert>
  );
}
