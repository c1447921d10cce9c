import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { formatMoney } from '../../lib/format';
import { FormProblem } from './FormProblem';
import type { Bill } from './types';

/**
 * Voids an OPEN bill with no payments (ADMIN only), after a confirmation that asks for the
 * reason: voiding undoes a charge and is not reversible here.
 */
export function VoidBillButton({ bill }: { bill: Bill }) {
  const [opened, { open, close }] = useDisclosure(false);
  const queryClient = useQueryClient();
  const [placed, setPlaced] = useState<string[]>([]);
  const form = useForm({
    initialValues: { reason: '' },
    validate: {
      reason: (value) => {
        const text = value.trim();
        if (text === '') return 'Say why the bill is voided';
        return text.length > 2000 ? 'At most 2000 characters' : null;
      },
    },
  });
  const mutation = useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        api.POST('/api/v1/bills/{id}/void', {
          params: { path: { id: bill.id } },
          body: { reason },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(['bills', bill.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['bills'] });
      notifySuccess(`${updated.billNumber} is void.`);
      close();
    },
    onError: (error) => setPlaced(applyFieldErrors(form, error)),
  });

  const cancel = () => {
    mutation.reset();
    form.reset();
    close();
  };

  return (
    <>
      <Button color="red" variant="outline" onClick={open}>
        Void bill
      </Button>
      <Modal opened={opened} onClose={cancel} title={`Void ${bill.billNumber}?`}>
        <form
          noValidate
          onSubmit={form.onSubmit(({ reason }) => {
            setPlaced([]);
            mutation.mutate(reason.trim());
          })}
        >
          <Stack>
            <Text size="sm">
              The bill of {formatMoney(bill.total)} will owe nothing. It keeps its lines as a record
              and cannot be reopened or reissued.
            </Text>
            <Textarea
              label="Reason"
              required
              autosize
              minRows={2}
              {...form.getInputProps('reason')}
            />
            <FormProblem error={mutation.error} placed={placed} />
            <Group justify="flex-end">
              <Button variant="default" onClick={cancel}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={mutation.isPending}>
                Confirm void
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
