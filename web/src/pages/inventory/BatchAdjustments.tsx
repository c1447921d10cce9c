import {
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  Input,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { usePagedList } from '../../api/paged';
import { useStaffNames } from '../../api/queries';
import { notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PagedRows } from '../../components/PagedRows';
import { formatDateTime } from '../../lib/format';
import {
  ADJUSTMENT_REASONS,
  EMPTY_ADJUSTMENT,
  reasonLabel,
  signed,
  toAdjustmentBody,
  validateAdjustment,
  type AdjustmentFormValues,
} from './adjustmentForm';
import { placeFieldErrors, topField } from './formErrors';
import { units } from './lib';
import { inventoryKeys, type Item, type Stock } from './queries';
import { NOWRAP } from './shared';

type Batch = Stock['batches'][number];

/** "Adjust": corrects a batch's on-hand count with a reason (NURSE, ADMIN). */
export function AdjustBatchButton({ item, batch }: { item: Item; batch: Batch }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button
        size="compact-sm"
        variant="default"
        onClick={open}
        aria-label={`Adjust batch ${batch.batchNumber}`}
      >
        Adjust
      </Button>
      <Modal opened={opened} onClose={close} title={`Adjust batch ${batch.batchNumber}`}>
        {opened && <AdjustForm item={item} batch={batch} onDone={close} />}
      </Modal>
    </>
  );
}

function AdjustForm({ item, batch, onDone }: { item: Item; batch: Batch; onDone: () => void }) {
  const serialTracked = item.requiresSerialNumber;
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<AdjustmentFormValues>({
    initialValues: EMPTY_ADJUSTMENT,
    validate: (values) => validateAdjustment(values, serialTracked),
  });
  const adjust = useMutation({
    mutationFn: (values: AdjustmentFormValues) =>
      unwrap(
        api.POST('/api/v1/inventory/batches/{id}/adjustments', {
          params: { path: { id: batch.batchId } },
          // The batch's version as the stock table showed it: a count someone changed since is a 412.
          headers: ifMatch(batch.version),
          body: toAdjustmentBody(values, serialTracked),
        }),
      ),
    onMutate: () => setShown([]),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
      notifySuccess(`Batch ${saved.batchNumber}: ${units(saved.onHand)} on hand`);
      onDone();
    },
    onError: (error) => setShown(placeFieldErrors(form, error, topField)),
  });
  const values = form.getValues();

  return (
    <form onSubmit={form.onSubmit((v) => adjust.mutate(v))} noValidate>
      <Stack>
        <Text size="sm">
          On hand {batch.onHand}, reserved {batch.reserved}, available {batch.available}.
        </Text>
        {serialTracked ? (
          <TagsInput
            label="Serial numbers removed"
            description={`Type or scan each unit that leaves the shelf and press Enter (${units(values.serialNumbers.length)}). Only units on the shelf can leave: release a reserved one from its plan first.`}
            required
            splitChars={[',', ' ']}
            maxTags={500}
            clearable
            data-autofocus
            {...form.getInputProps('serialNumbers')}
          />
        ) : (
          <Group align="flex-end" wrap="wrap">
            <Input.Wrapper label="Change" error={form.errors.direction}>
              <div>
                <SegmentedControl
                  data={[
                    { value: 'REMOVE', label: 'Remove' },
                    { value: 'ADD', label: 'Add' },
                  ]}
                  {...form.getInputProps('direction')}
                />
              </div>
            </Input.Wrapper>
            <NumberInput
              label="Quantity"
              required
              min={1}
              max={100_000}
              allowDecimal={false}
              allowNegative={false}
              w={140}
              data-autofocus
              {...form.getInputProps('quantity')}
            />
          </Group>
        )}
        <Select
          label="Reason"
          required
          data={ADJUSTMENT_REASONS.map((r) => ({ value: r.value, label: r.label }))}
          {...form.getInputProps('reason')}
        />
        <Textarea
          label="Note"
          description="What happened, for whoever reads the history"
          autosize
          minRows={2}
          maxLength={2000}
          {...form.getInputProps('note')}
        />
        <ProblemAlert
          error={adjust.error}
          title="Not adjusted"
          shownFields={shown}
          onReload={() => {
            adjust.reset();
            void queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={adjust.isPending}>
            Record adjustment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "History": a batch's adjustments, newest first (every role reads them, like stock). */
export function BatchHistoryButton({ batch }: { batch: Batch }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button
        size="compact-sm"
        variant="subtle"
        onClick={open}
        aria-label={`Adjustment history of batch ${batch.batchNumber}`}
      >
        History
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={`Adjustments of batch ${batch.batchNumber}`}
        size="xl"
      >
        {opened && <AdjustmentHistory batchId={batch.batchId} />}
      </Modal>
    </>
  );
}

function useAdjustments(batchId: string) {
  return usePagedList({
    queryKey: inventoryKeys.adjustments(batchId),
    page: (cursor) =>
      unwrap(
        api.GET('/api/v1/inventory/batches/{id}/adjustments', {
          params: { path: { id: batchId }, query: { limit: 50, cursor } },
        }),
      ),
  });
}

function AdjustmentHistory({ batchId }: { batchId: string }) {
  const query = useAdjustments(batchId);
  const staff = useStaffNames();
  return (
    <PagedRows query={query} empty="No adjustment has been recorded for this batch.">
      {(adjustments) => (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label="Adjustments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th ta="right">Change</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Note</Table.Th>
                <Table.Th>By</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {adjustments.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td style={NOWRAP}>{formatDateTime(a.adjustedAt)}</Table.Td>
                  <Table.Td ta="right" style={NOWRAP}>
                    {signed(a.quantityDelta)}
                  </Table.Td>
                  <Table.Td>{reasonLabel(a.reason)}</Table.Td>
                  <Table.Td>
                    {a.note ?? '—'}
                    {a.serialNumbers.length > 0 && (
                      <Text size="xs" c="dimmed">
                        Serials: {a.serialNumbers.join(', ')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{staff.get(a.adjustedById) ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </PagedRows>
  );
}
