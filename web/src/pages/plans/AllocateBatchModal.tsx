import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { useStock, useInvalidate } from '../../api/queries';
import { notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../lib/format';
import type { Requirement } from './types';

/** "Choose batch": allocation from one named lot, instead of the first to expire. */
export function AllocateBatchModal({
  planId,
  planVersion,
  requirement,
}: {
  planId: string;
  planVersion: number;
  requirement: Requirement;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button size="xs" variant="default" onClick={open}>
        Choose batch
      </Button>
      <Modal opened={opened} onClose={close} title={`Allocate ${requirement.inventoryItemName}`}>
        {opened && (
          <BatchForm
            planId={planId}
            planVersion={planVersion}
            requirement={requirement}
            onDone={close}
          />
        )}
      </Modal>
    </>
  );
}

function BatchForm({
  planId,
  planVersion,
  requirement: r,
  onDone,
}: {
  planId: string;
  planVersion: number;
  requirement: Requirement;
  onDone: () => void;
}) {
  const invalidate = useInvalidate();
  const [batchId, setBatchId] = useState<string | null>(null);
  const stock = useStock(r.inventoryItemId);
  const allocate = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/procedure-plans/{id}/inventory/{requirementId}/allocate', {
          params: { path: { id: planId, requirementId: r.id } },
          headers: ifMatch(planVersion),
          body: batchId === null ? {} : { batchId },
        }),
      ),
    onSuccess: async (saved) => {
      await invalidate(['procedure-plans', planId], ['inventory']);
      notifySuccess(
        saved.serialNumbers.length > 0
          ? `Reserved ${saved.serialNumbers.join(', ')}`
          : `Reserved ${saved.quantity} × ${saved.inventoryItemName}`,
      );
      onDone();
    },
  });
  const batches = (stock.data?.batches ?? []).map((b) => ({
    value: b.batchId,
    label: `${b.batchNumber} · ${b.available} available · expires ${formatDate(b.expiresAt)}`,
    disabled: b.available < r.quantity,
  }));
  return (
    <Stack gap="sm">
      <Text size="sm">
        {r.quantity} needed. Leave the batch empty to take the first one to expire with enough
        stock.
      </Text>
      <Select
        label="Batch"
        placeholder={stock.isPending ? 'Loading batches…' : 'First to expire'}
        clearable
        clearButtonProps={{ 'aria-label': 'Clear batch' }}
        data={batches}
        value={batchId}
        onChange={setBatchId}
        nothingFoundMessage="No stock of this item"
        error={stock.isError ? 'Could not load the batches' : undefined}
      />
      <ProblemAlert
        error={allocate.error}
        title="Nothing was reserved"
        onReload={() => {
          allocate.reset();
          void invalidate(['procedure-plans', planId]);
        }}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Back
        </Button>
        <Button onClick={() => allocate.mutate()} loading={allocate.isPending}>
          Allocate from batch
        </Button>
      </Group>
    </Stack>
  );
}
