import { Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { placeFieldErrors } from './formErrors';
import { EMPTY_ITEM, itemValidation, toCreateBody, type ItemFormValues } from './itemForm';
import { ItemFields } from './ItemFields';
import { inventoryKeys } from './queries';

/** The form of a new catalog item (NURSE, ADMIN); opens the item's page once it exists. */
export function NewItemModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<ItemFormValues>({ initialValues: EMPTY_ITEM, validate: itemValidation });
  const create = useMutation({
    mutationFn: (values: ItemFormValues) =>
      unwrap(api.POST('/api/v1/inventory/items', { body: toCreateBody(values) })),
    onSuccess: async (item) => {
      await queryClient.invalidateQueries({ queryKey: inventoryKeys.items });
      notifySuccess(`${item.code} added to the catalog`);
      form.reset();
      onClose();
      void navigate(`/inventory/items/${item.id}`);
    },
    onError: (error) => setShown(placeFieldErrors(form, error)),
  });
  const close = () => {
    create.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="New item" size="lg">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <ProblemAlert error={create.error} title="Could not add the item" shownFields={shown} />
          <ItemFields form={form} withCode />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create item
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
