import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ifMatch, unwrap } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { FactsTable } from '../../components/FactsTable';
import { notifySuccess } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { PagedRows } from '../../components/PagedRows';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { RoleGate } from '../../components/RoleGate';
import { formatDateTime, formatPatientName } from '../../lib/format';
import { placeFieldErrors } from './formErrors';
import { inventoryKeys, type Stock } from './queries';
import {
  CONTACT_METHODS,
  methodLabel,
  useRecallRecord,
  useRecallRecords,
  type ContactMethod,
  type RecallRecipient,
  type RecallRecord,
  type RecallRecordDetail,
  type RecallStatus,
} from './recallRecords';
import { ExpiryDate, NOWRAP } from './shared';

type Batch = Stock['batches'][number];

const TEXT_MAX = 2000;

function StatusBadge({ status }: { status: RecallStatus }) {
  return (
    <Badge color={status === 'OPEN' ? 'red' : 'gray'} variant="light">
      {status === 'OPEN' ? 'Open' : 'Closed'}
    </Badge>
  );
}

/** "Open recall" on a batch (NURSE, ADMIN): the reason, then the new recall's page. */
export function OpenRecallButton({ batch }: { batch: Batch }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button
        size="compact-sm"
        variant="light"
        color="red"
        onClick={open}
        aria-label={`Open recall of batch ${batch.batchNumber}`}
      >
        Open recall
      </Button>
      <Modal opened={opened} onClose={close} title={`Open a recall of batch ${batch.batchNumber}`}>
        {opened && <OpenRecallForm batch={batch} onDone={close} />}
      </Modal>
    </>
  );
}

function OpenRecallForm({ batch, onDone }: { batch: Batch; onDone: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim() === '' ? 'Say why the lot is recalled' : null) },
  });
  const openRecall = useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        api.POST('/api/v1/inventory/batches/{id}/recalls', {
          params: { path: { id: batch.batchId } },
          body: { reason },
        }),
      ),
    onMutate: () => setShown([]),
    onSuccess: async (recall) => {
      await queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
      notifySuccess(`Recall of batch ${recall.batchNumber} opened`);
      // Navigating leaves the item page, modal and all (navigating after closing it would not).
      void navigate(`/inventory/recall-records/${recall.id}`);
    },
    onError: (error) => setShown(placeFieldErrors(form, error)),
  });
  return (
    <form onSubmit={form.onSubmit((v) => openRecall.mutate(v.reason.trim()))} noValidate>
      <Stack>
        <Text size="sm">
          Every patient who received a unit of this lot will be listed on the recall, to be
          contacted.
        </Text>
        <Textarea
          label="Reason"
          description="The manufacturer's notice, or why the practice recalls the lot"
          required
          autosize
          minRows={2}
          maxLength={TEXT_MAX}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <ProblemAlert error={openRecall.error} title="Not opened" shownFields={shown} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={openRecall.isPending}>
            Open recall
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const STATUS_FILTERS = [
  { value: 'OPEN', label: 'Open' },
  { value: 'CLOSED', label: 'Closed' },
  { value: 'ALL', label: 'All' },
];

function RecallRecordList() {
  const [params, setParams] = useSearchParams();
  const filter = params.get('status') ?? 'OPEN';
  const status = filter === 'OPEN' || filter === 'CLOSED' ? filter : undefined;
  const query = useRecallRecords(status);
  return (
    <Stack gap="md">
      <SegmentedControl
        w="fit-content"
        aria-label="Status"
        data={STATUS_FILTERS}
        value={status ?? 'ALL'}
        onChange={(v) => setParams({ status: v }, { replace: true })}
      />
      <PagedRows
        query={query}
        empty={status === 'OPEN' ? 'No recall is open.' : 'No recall records.'}
        loadMoreLabel="Load more recalls"
      >
        {(rows: RecallRecord[]) => (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-label="Recall records">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Item</Table.Th>
                  <Table.Th>Lot</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th>Opened</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Contacted</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.itemName}</Table.Td>
                    <Table.Td style={NOWRAP}>
                      <Anchor
                        fz="inherit"
                        component={Link}
                        to={`/inventory/recall-records/${r.id}`}
                      >
                        {r.batchNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{r.reason}</Table.Td>
                    <Table.Td style={NOWRAP}>{formatDateTime(r.openedAt)}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={r.status} />
                    </Table.Td>
                    <Table.Td ta="right" style={NOWRAP}>
                      {r.contacted} of {r.patients}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </PagedRows>
    </Stack>
  );
}

/** Recall records (NURSE, SURGEON, COORDINATOR, ADMIN): the recalls the practice works through. */
export function RecallRecordsPage() {
  return (
    <>
      <PageHeader title="Recall records" />
      <RoleGate
        permission="inventory.recallRecords"
        message="Recall records are for nurses, surgeons, coordinators and administrators: they name patients."
      >
        <RecallRecordList />
      </RoleGate>
    </>
  );
}

function MarkContactedButton({
  recall,
  recipient,
}: {
  recall: RecallRecordDetail;
  recipient: RecallRecipient;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  const name = formatPatientName(recipient);
  return (
    <>
      <Button
        size="compact-sm"
        variant="default"
        onClick={open}
        aria-label={`Mark contacted: ${name}`}
      >
        Mark contacted
      </Button>
      <Modal opened={opened} onClose={close} title={`Mark ${name} contacted`}>
        {opened && <ContactForm recall={recall} recipient={recipient} onDone={close} />}
      </Modal>
    </>
  );
}

function ContactForm({
  recall,
  recipient,
  onDone,
}: {
  recall: RecallRecordDetail;
  recipient: RecallRecipient;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<{ method: ContactMethod | null; note: string }>({
    initialValues: { method: null, note: '' },
    validate: { method: (v) => (v === null ? 'Choose how the patient was contacted' : null) },
  });
  const contact = useMutation({
    mutationFn: (values: { method: ContactMethod; note: string }) =>
      unwrap(
        api.POST('/api/v1/inventory/recall-records/{id}/contacts', {
          params: { path: { id: recall.id } },
          body: {
            patientId: recipient.patientId,
            method: values.method,
            ...(values.note.trim() === '' ? {} : { note: values.note.trim() }),
          },
        }),
      ),
    onMutate: () => setShown([]),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
      notifySuccess(`${formatPatientName(recipient)} marked contacted`);
      onDone();
    },
    onError: (error) => setShown(placeFieldErrors(form, error)),
  });
  return (
    <form
      onSubmit={form.onSubmit((v) => {
        if (v.method !== null) contact.mutate({ method: v.method, note: v.note });
      })}
      noValidate
    >
      <Stack>
        <Select
          label="Method"
          required
          data={CONTACT_METHODS.map((m) => ({ value: m.value, label: m.label }))}
          data-autofocus
          {...form.getInputProps('method')}
        />
        <Textarea
          label="Note"
          description="What was said or sent, and what happens next"
          autosize
          minRows={2}
          maxLength={TEXT_MAX}
          {...form.getInputProps('note')}
        />
        <ProblemAlert error={contact.error} title="Not recorded" shownFields={shown} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={contact.isPending}>
            Mark contacted
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CloseRecallButton({ recall }: { recall: RecallRecordDetail }) {
  const [opened, { open, close }] = useDisclosure(false);
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { note: '' } });
  const closeRecall = useMutation({
    mutationFn: (note: string) =>
      unwrap(
        api.POST('/api/v1/inventory/recall-records/{id}/close', {
          params: { path: { id: recall.id } },
          // The version this page showed: a recall someone closed since is a 412.
          headers: ifMatch(recall.version),
          body: note === '' ? {} : { note },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
      notifySuccess(`Recall of batch ${recall.batchNumber} closed`);
      close();
    },
  });
  const toContact = recall.patients - recall.contacted;
  return (
    <>
      <Button color="gray" onClick={open}>
        Close recall
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={`Close the recall of batch ${recall.batchNumber}`}
      >
        <form onSubmit={form.onSubmit((v) => closeRecall.mutate(v.note.trim()))} noValidate>
          <Stack>
            <Text size="sm">
              {toContact === 0
                ? 'Every recipient has been contacted.'
                : `${toContact === 1 ? '1 patient has' : `${toContact} patients have`} not been marked contacted: say why in the note.`}{' '}
              A closed recall takes no more contacts.
            </Text>
            <Textarea
              label="Note"
              autosize
              minRows={2}
              maxLength={TEXT_MAX}
              data-autofocus
              {...form.getInputProps('note')}
            />
            <ProblemAlert
              error={closeRecall.error}
              title="Not closed"
              onReload={() => {
                closeRecall.reset();
                void queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
              }}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Keep open
              </Button>
              <Button type="submit" loading={closeRecall.isPending}>
                Close recall
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function RecipientTable({ recall }: { recall: RecallRecordDetail }) {
  const { can } = useAuth();
  const mayContact = recall.status === 'OPEN' && can('inventory.recallRecords');
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped aria-label="Patients to contact">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Patient</Table.Th>
            <Table.Th>MRN</Table.Th>
            <Table.Th>Serial numbers</Table.Th>
            <Table.Th ta="right">Units</Table.Th>
            <Table.Th>Contacted</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {recall.recipients.map((r) => (
            <Table.Tr key={r.patientId}>
              <Table.Td>
                <Anchor fz="inherit" component={Link} to={`/patients/${r.patientId}`}>
                  {formatPatientName(r)}
                </Anchor>
              </Table.Td>
              <Table.Td style={NOWRAP}>{r.mrn}</Table.Td>
              <Table.Td>{r.serialNumbers.length === 0 ? '—' : r.serialNumbers.join(', ')}</Table.Td>
              <Table.Td ta="right">{r.quantity}</Table.Td>
              <Table.Td>
                {r.contact !== null ? (
                  <Stack gap={0}>
                    <Text size="sm">
                      {methodLabel(r.contact.method)}, {formatDateTime(r.contact.contactedAt)}
                    </Text>
                    {r.contact.note !== null && (
                      <Text size="sm" c="dimmed">
                        {r.contact.note}
                      </Text>
                    )}
                  </Stack>
                ) : mayContact ? (
                  <MarkContactedButton recall={recall} recipient={r} />
                ) : (
                  <Text size="sm" c="dimmed">
                    Not contacted
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RecallRecordView({ id }: { id: string }) {
  const { can } = useAuth();
  const query = useRecallRecord(id);
  return (
    <QueryState query={query}>
      {(recall) => (
        <Stack gap="lg">
          <PageHeader title={`Recall of batch ${recall.batchNumber}`}>
            {recall.status === 'OPEN' && can('inventory.recallOpen') && (
              <CloseRecallButton recall={recall} />
            )}
          </PageHeader>
          <FactsTable
            label="Recall"
            rows={[
              ['Status', <StatusBadge key="s" status={recall.status} />],
              [
                'Item',
                <Anchor
                  key="i"
                  fz="inherit"
                  component={Link}
                  to={`/inventory/items/${recall.itemId}`}
                >
                  {recall.itemName} ({recall.itemCode})
                </Anchor>,
              ],
              ['Lot', recall.batchNumber],
              ['Expires', <ExpiryDate key="e" expiresAt={recall.expiresAt} />],
              ['Reason', recall.reason],
              ['Opened', formatDateTime(recall.openedAt)],
              ...(recall.closedAt !== null
                ? ([
                    ['Closed', formatDateTime(recall.closedAt)],
                    ['Closing note', recall.closeNote ?? '—'],
                  ] as [string, string][])
                : []),
              ['Contacted', `${recall.contacted} of ${recall.patients} patients`],
            ]}
          />
          <Title order={2} size="h3">
            Patients
          </Title>
          {recall.recipients.length === 0 ? (
            <Text c="dimmed">No patient has received a unit of this lot.</Text>
          ) : (
            <RecipientTable recall={recall} />
          )}
        </Stack>
      )}
    </QueryState>
  );
}

/** One recall: its lot, and every patient who received a unit of it, to contact. */
export function RecallRecordPage() {
  const { id = '' } = useParams();
  return (
    <RoleGate
      permission="inventory.recallRecords"
      pageTitle="Recall"
      message="Recall records are for nurses, surgeons, coordinators and administrators: they name patients."
    >
      <RecallRecordView id={id} />
    </RoleGate>
  );
}
