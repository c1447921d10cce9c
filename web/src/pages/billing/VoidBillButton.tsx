import { Button, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '../../api/client';
import { notifySuccess } from '../../components/forms';
import { ReasonConfirmModal } from '../../components/ReasonConfirmModal';
import { formatMoney } from '../../lib/format';
import type { Bill } from './types';

/**
 * Voids an OPEN bill with no payments (ADMIN only), after a confirmation that asks for the
 * reason: voiding undoes a charge and is not reversible here.
 */
export function VoidBillButton({ bill }: { bill: Bill }) {
  const [opened, { open, close }] = useDisclosure(false);
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        api.POST('/api/v1/bills/{id}/void', {
          params: { path: { id: bill.id } },
          headers: ifMatch(bill.version),
          body: { reason },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(['bills', bill.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['bills'] });
      notifySuccess(`${updated.billNumber} is void.`);
    },
  });

  return (
    <>
      <Button color="red" variant="outline" onClick={open}>
        Void bill
      </Button>
      <ReasonConfirmModal
        opened={opened}
        onClose={close}
        title={`Void ${bill.billNumber}?`}
        missingReason="Say why the bill is voided"
        keepLabel="Cancel"
        confirmLabel="Confirm void"
        action={mutation}
        onReload={() => {
          mutation.reset();
          void queryClient.invalidateQueries({ queryKey: ['bills', bill.id] });
        }}
      >
        <Text size="sm">
          The bill of {formatMoney(bill.total)} will owe nothing. It keeps its lines as a record and
          cannot be reopened or reissued.
        </Text>
      </ReasonConfirmModal>
    </>
  );
}
