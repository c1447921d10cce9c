import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { ApiError } from '../../api/problem';
import { inventoryItemQuery } from '../../api/queries';
import type { components } from '../../api/schema';
import { notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { placeFieldErrors } from './formErrors';
import { itemToFormValues, itemValidation, toUpdateBody, type ItemFormValues } from './itemForm';
import { ItemFields } from './ItemFields';
import { inventoryKeys, type Item } from './queries';

type ItemChange = components['schemas']['UpdateInventoryItemDto'];

/**
 * PATCH of an item at the version the screen read: someone else's change in between is a 412,
 * explained, and Reload fetches theirs. Every item query is refreshed after a save.
 */
function useSaveItem(item: Item) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: ({ base, change }: { base: Item; change: ItemChange }) =>
      unwrap(
        api.PATCH('/api/v1/inventory/items/{id}', {
          params: { path: { id: base.id } },
          headers: ifMatch(base.version),
          body: change,
        }),
      ),
    onSuccess: async (saved) => {
      queryClient.setQueryData(inventoryItemQuery(saved.id).queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: inventoryKeys.items });
    },
  });
  const reload = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...inventoryItemQuery(item.id), staleTime: 0 }),
  });
  return { save, reload };
}

/** "Edit item": the item's fields in a form (NURSE, ADMIN). The code never changes. */
export function EditItemButton({ item }: { item: Item }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="default" onClick={open}>
        Edit item
      </Button>
      <Modal opened={opened} onClose={close} title={`Edit ${item.code}`} size="lg">
        {opened && <EditItemForm item={item} onDone={close} />}
      </Modal>
    </>
  );
}

function EditItemForm({ item, onDone }: { item: Item; onDone: () => void }) {
  // The version the form was filled from: a save names it in If-Match.
  const [base, setBase] = useState(item);
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<ItemFormValues>({
    initialValues: itemToFormValues(item),
    validate: itemValidation,
  });
  const { save, reload } = useSaveItem(item);
  const stale = save.error instanceof ApiError && save.error.status === 412;
  const submit = (values: ItemFormValues) => {
    const change = toUpdateBody(values, base);
    if (Object.keys(change).length === 0) {
      onDone();
      return;
    }
    setShown([]);
    save.mutate(
      { base, change },
      {
        onSuccess: (saved) => {
          notifySuccess(`${saved.code} saved`);
          onDone();
        },
        onError: (error) => setShown(placeFieldErrors(form, error)),
      },
    );
  };
  const reloadItem = () =>
    reload.mutate(undefined, {
      onSuccess: (fresh) => {
        setBase(fresh);
        form.setValues(itemToFormValues(fresh));
        form.resetDirty();
        save.reset();
      },
    });

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <ItemFields form={form} withCode={false} />
        <ProblemAlert error={save.error} title="Not saved" shownFields={shown} />
        <ProblemAlert error={reload.error} title="Could not reload the item" />
        <Group justify="flex-end">
          {stale && (
            <Button variant="default" onClick={reloadItem} loading={reload.isPending}>
              Reload
            </Button>
          )}
          <Button variant="default" onClick={onDone}>
            Discard changes
          </Button>
          <Button type="submit" loading={save.isPending} disabled={stale}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Deactivate (the item takes no new stock and no new plan requirements; items are never deleted,
 * stock and plans refer to them) or reactivate, after a confirmation.
 */
export function ActiveToggle({ item }: { item: Item }) {
  const [opened, { open, close }] = useDisclosure(false);
  const queryClient = useQueryClient();
  const { save } = useSaveItem(item);
  // After a 412 the page shows the item as it now is, and the question can be asked again.
  const reloadItem = () => {
    save.reset();
    void queryClient.invalidateQueries({ queryKey: inventoryItemQuery(item.id).queryKey });
  };
  const verb = item.active ? 'Deactivate' : 'Reactivate';
  const done = () => {
    save.reset();
    close();
  };
  return (
    <>
      <Button variant="default" onClick={open}>
        {verb}
      </Button>
      <Modal opened={opened} onClose={done} title={`${verb} ${item.code}?`}>
        <Stack>
          <Text>
            {item.active
              ? 'A deactivated item takes no new stock and cannot be added to plans. Its stock, plans and history stay, and it can be reactivated.'
              : 'The item can again be received and added to plans.'}
          </Text>
          <ProblemAlert error={save.error} title="Not saved" onReload={reloadItem} />
          <Group justify="flex-end">
            <Button variant="default" onClick={done}>
              Cancel
            </Button>
            <Button
              color={item.active ? 'red.8' : undefined}
              loading={save.isPending}
              onClick={() =>
                save.mutate(
                  { base: item, change: { active: !item.active } },
                  {
                    onSuccess: (saved) => {
                      notifySuccess(
                        `${saved.code} ${saved.active ? 'reactivated' : 'deactivated'}`,
                      );
                      done();
                    },
                  },
                )
              }
            >
              {verb}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
