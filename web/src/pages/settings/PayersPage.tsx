import { Button, Group, Table, TextInput, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { allPages } from '../../api/paged';
import type { components } from '../../api/schema';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { SettingsFormModal, useSettingsSave } from './SettingsFormModal';

type Payer = components['schemas']['PayerDto_Output'];

interface PayerValues {
  name: string;
  payerId: string;
}

const PAYER_ID = /^[A-Za-z0-9][A-Za-z0-9-]{1,79}$/;

export const payerValidation = {
  name: (v: string) => (v.trim() === '' ? 'Enter the payer’s name' : null),
  payerId: (v: string) =>
    PAYER_ID.test(v.trim())
      ? null
      : 'The clearinghouse’s payer id: letters, digits or -, e.g. 60054',
};

/** Every payer of the clinic, by name. */
function usePayers() {
  return useQuery({
    queryKey: ['payers', 'list', 'all'],
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api.GET('/api/v1/payers', { params: { query: { limit: 100, cursor } } })),
      ),
  });
}

/** Add a payer (`payer` null), or rename one or change its payer id (`If-Match`). */
export function PayerModal({ payer, onClose }: { payer: Payer | null; onClose: () => void }) {
  const form = useForm<PayerValues>({
    initialValues: { name: payer?.name ?? '', payerId: payer?.payerId ?? '' },
    validate: payerValidation,
  });
  const save = useSettingsSave({
    form,
    save: (v: PayerValues) => {
      const body = { name: v.name.trim(), payerId: v.payerId.trim() };
      return payer === null
        ? unwrap(api.POST('/api/v1/payers', { body }))
        : unwrap(
            api.PATCH('/api/v1/payers/{id}', {
              params: { path: { id: payer.id }, header: ifMatch(payer.version) },
              body,
            }),
          );
    },
    invalidates: [['payers']],
    savedMessage: (saved) => `${saved.name} saved`,
    onClose,
  });
  return (
    <SettingsFormModal
      title={payer === null ? 'Add a payer' : `Edit ${payer.name}`}
      {...save}
      errorTitle="Payer not saved"
      saveLabel="Save payer"
    >
      <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
      <TextInput
        label="Payer id"
        description="As your clearinghouse lists it; unique in the clinic."
        required
        {...form.getInputProps('payerId')}
      />
    </SettingsFormModal>
  );
}

/** Settings → Payers: the insurers the clinic bills (docs/claims.md "Set-up"). */
export function PayersPage() {
  const payers = usePayers();
  // undefined: closed; null: a new payer.
  const [editing, setEditing] = useState<Payer | null | undefined>(undefined);
  return (
    <>
      <PageHeader title="Payers">
        <Button onClick={() => setEditing(null)}>Add a payer</Button>
      </PageHeader>
      <QueryState
        query={payers}
        isEmpty={(rows) => rows.length === 0}
        empty="No payers yet: add the insurers the clinic bills."
      >
        {(rows) => (
          <Table.ScrollContainer minWidth={480}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Payer id</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((payer) => (
                  <Table.Tr key={payer.id}>
                    <Table.Td>{payer.name}</Table.Td>
                    <Table.Td>{payer.payerId}</Table.Td>
                    <Table.Td>
                      <Group justify="flex-end">
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setEditing(payer)}
                          aria-label={`Edit ${payer.name}`}
                        >
                          Edit
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {editing !== undefined && (
        <PayerModal
          key={editing?.id ?? 'new'}
          payer={editing}
          onClose={() => setEditing(undefined)}
        />
      )}
    </>
  );
}
