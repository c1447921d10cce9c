import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { CaseLink } from '../../components/CaseLink';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { RoleGate } from '../../components/RoleGate';
import { formatDateTime, formatPatientName } from '../../lib/format';
import { useBatchRecipients, useLotRecipients, type Recipients } from './queries';
import { ExpiryDate, PlanLink, NOWRAP } from './shared';

function RecipientsTable({ recipients }: { recipients: Recipients['recipients'] }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped aria-label="Recipients">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Patient</Table.Th>
            <Table.Th>MRN</Table.Th>
            <Table.Th style={NOWRAP}>Serial number</Table.Th>
            <Table.Th ta="right">Quantity</Table.Th>
            <Table.Th>Plan</Table.Th>
            <Table.Th>Case</Table.Th>
            <Table.Th>Used at</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {recipients.map((r, i) => (
            <Table.Tr key={`${r.patientId}:${r.serialNumber ?? ''}:${i}`}>
              <Table.Td>
                <Anchor fz="inherit" component={Link} to={`/patients/${r.patientId}`}>
                  {formatPatientName(r)}
                </Anchor>
              </Table.Td>
              <Table.Td style={NOWRAP}>{r.mrn}</Table.Td>
              <Table.Td style={NOWRAP}>{r.serialNumber ?? '—'}</Table.Td>
              <Table.Td ta="right">{r.quantity}</Table.Td>
              <Table.Td>
                <PlanLink id={r.procedurePlanId} />
              </Table.Td>
              <Table.Td>
                {r.surgicalCaseId === null ? '—' : <CaseLink id={r.surgicalCaseId} inherit />}
              </Table.Td>
              <Table.Td>{formatDateTime(r.usedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The recall list of one lot: which lot it is, then everyone who received a unit of it. */
function RecallList({ query, notFound }: { query: UseQueryResult<Recipients>; notFound: string }) {
  if (query.error instanceof ApiError && query.error.status === 404) {
    return (
      <Alert color="gray" title="Not found" role="alert">
        {notFound}
      </Alert>
    );
  }
  return (
    <QueryState query={query}>
      {(list) => {
        const patients = new Set(list.recipients.map((r) => r.patientId)).size;
        return (
          <Stack gap="sm">
            <Card withBorder>
              <Group gap="xl" wrap="wrap">
                <div>
                  <Text size="sm" c="dimmed">
                    Item
                  </Text>
                  <Anchor fz="inherit" component={Link} to={`/inventory/items/${list.itemId}`}>
                    {list.itemCode}
                  </Anchor>
                </div>
                <div>
                  <Text size="sm" c="dimmed">
                    Batch
                  </Text>
                  <Text>{list.batchNumber}</Text>
                </div>
                <div>
                  <Text size="sm" c="dimmed">
                    Expires
                  </Text>
                  <ExpiryDate expiresAt={list.expiresAt} />
                </div>
              </Group>
            </Card>
            <Title order={2} size="h3">
              Recipients
            </Title>
            {list.recipients.length === 0 ? (
              <Text c="dimmed">No patient has received a unit of this batch.</Text>
            ) : (
              <>
                <Text size="sm">
                  {patients === 1 ? '1 patient' : `${patients} patients`},{' '}
                  {list.recipients.length === 1 ? '1 record' : `${list.recipients.length} records`}.
                </Text>
                <RecipientsTable recipients={list.recipients} />
              </>
            )}
          </Stack>
        );
      }}
    </QueryState>
  );
}

function ByBatch({ batchId }: { batchId: string }) {
  const query = useBatchRecipients(batchId);
  return <RecallList query={query} notFound="This batch does not exist in this clinic." />;
}

function ByLot({ gtin, lot }: { gtin: string; lot: string }) {
  const query = useLotRecipients(gtin, lot);
  return (
    <RecallList
      query={query}
      notFound="No item has this GTIN, or it has no lot with this number: nothing of it was received here."
    />
  );
}

/** From a manufacturer's recall notice: the GTIN and the lot it names. */
function LotForm({
  gtin,
  lot,
  onFind,
}: {
  gtin: string;
  lot: string;
  onFind: (gtin: string, lot: string) => void;
}) {
  const form = useForm({
    initialValues: { gtin, lot },
    validate: {
      gtin: (v) => (/^\d{14}$/.test(v.trim()) ? null : 'A 14-digit GTIN'),
      lot: (v) => (v.trim() === '' ? 'Enter the lot' : null),
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => onFind(v.gtin.trim(), v.lot.trim()))} noValidate>
      <Group align="flex-start" wrap="wrap">
        <TextInput label="GTIN" inputMode="numeric" w={220} {...form.getInputProps('gtin')} />
        <TextInput label="Lot" w={200} {...form.getInputProps('lot')} />
        <Button type="submit" mt={25}>
          Find recipients
        </Button>
      </Group>
    </form>
  );
}

function Recalls() {
  const [params, setParams] = useSearchParams();
  const batchId = params.get('batchId') ?? '';
  const gtin = params.get('gtin') ?? '';
  const lot = params.get('lot') ?? '';
  return (
    <Stack gap="lg">
      <LotForm
        key={`${gtin}:${lot}`}
        gtin={gtin}
        lot={lot}
        onFind={(g, l) => setParams({ gtin: g, lot: l })}
      />
      {batchId !== '' ? (
        <ByBatch batchId={batchId} />
      ) : gtin !== '' && lot !== '' ? (
        <ByLot gtin={gtin} lot={lot} />
      ) : (
        <Text c="dimmed">
          Enter the GTIN and lot of a recall notice, or open a batch&apos;s recall list from its
          item page.
        </Text>
      )}
    </Stack>
  );
}

/** Recall lists (NURSE, SURGEON, ADMIN): the API records each patient it lists. */
export function RecallsPage() {
  return (
    <>
      <PageHeader title="Recalls" />
      <RoleGate
        permission="inventory.trace"
        message="Recall lists are for nurses, surgeons and administrators: they name patients."
      >
        <Recalls />
      </RoleGate>
    </>
  );
}
