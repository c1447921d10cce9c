import { Button, SimpleGrid, Table, TextInput, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { ApiError } from '../../api/problem';
import { MoneyField } from '../../components/MoneyField';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { formatMoney } from '../../lib/format';
import { moneyInputError, normalizeMoney } from '../../lib/money';
import { BASE_CPT, type FeeEntry } from './lib';
import { useFeeSchedule, settingsKeys } from './queries';
import { SettingsFormModal, useSettingsSave } from './SettingsFormModal';

interface FeeValues {
  cptCode: string;
  description: string;
  surgeonFee: string;
  facilityFee: string;
  anesthesiaFee: string;
}

/** A fee left blank is 0.00, as the API takes it. */
const optionalFee = (v: string) =>
  v.trim() === '' ? null : moneyInputError(v.replace(/,/g, ''), { allowZero: true });
const asMoney = (v: string) => (v.trim() === '' ? '0.00' : normalizeMoney(v.replace(/,/g, '')));

export function feeValidation(creating: boolean) {
  return {
    cptCode: (v: string) =>
      !creating || BASE_CPT.test(v.trim().toUpperCase())
        ? null
        : 'A base CPT code: five characters, e.g. 19325 (no modifier)',
    description: (v: string) => (v.trim() === '' ? 'Enter the procedure’s description' : null),
    surgeonFee: (v: string) => moneyInputError(v.replace(/,/g, ''), { allowZero: true }),
    facilityFee: optionalFee,
    anesthesiaFee: optionalFee,
  };
}

/** Add a fee (`entry` null) or change one (`PUT /fee-schedule/:cptCode` with `If-Match`). */
export function FeeModal({ entry, onClose }: { entry: FeeEntry | null; onClose: () => void }) {
  const creating = entry === null;
  const form = useForm<FeeValues>({
    initialValues: {
      cptCode: entry?.cptCode ?? '',
      description: entry?.description ?? '',
      surgeonFee: entry?.surgeonFee ?? '',
      facilityFee: entry?.facilityFee ?? '',
      anesthesiaFee: entry?.anesthesiaFee ?? '',
    },
    validate: feeValidation(creating),
  });
  const save = useSettingsSave({
    form,
    save: async (v: FeeValues) => {
      const cptCode = v.cptCode.trim().toUpperCase();
      if (creating) {
        // PUT replaces an entry: a new one must not overwrite a fee someone already set.
        const existing = await unwrap(
          api.GET('/api/v1/fee-schedule/{cptCode}', { params: { path: { cptCode } } }),
        ).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 404) return null;
          throw error;
        });
        if (existing !== null)
          throw new ApiError({
            status: 409,
            code: 'DUPLICATE',
            title: 'Already in the fee schedule',
            detail: `${cptCode} already has a fee (${existing.description}): edit it in the list instead`,
            errors: [{ path: 'cptCode', message: `${cptCode} is already in the fee schedule` }],
          });
      }
      return unwrap(
        api.PUT('/api/v1/fee-schedule/{cptCode}', {
          params: {
            path: { cptCode },
            header: entry === null ? undefined : ifMatch(entry.version),
          },
          body: {
            description: v.description.trim(),
            surgeonFee: asMoney(v.surgeonFee),
            facilityFee: asMoney(v.facilityFee),
            anesthesiaFee: asMoney(v.anesthesiaFee),
          },
        }),
      );
    },
    invalidates: [['fee-schedule'], settingsKeys.setup],
    savedMessage: (saved) => `${saved.cptCode} saved: surgeon ${formatMoney(saved.surgeonFee)}`,
    onClose,
  });
  return (
    <SettingsFormModal
      title={creating ? 'Add a fee' : `Edit ${entry.cptCode}`}
      size="lg"
      {...save}
      errorTitle="Fee not saved"
      saveLabel="Save fee"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="CPT code"
          required
          disabled={!creating}
          placeholder="e.g. 19325"
          data-autofocus
          {...form.getInputProps('cptCode')}
        />
        <TextInput
          label="Description"
          required
          placeholder="e.g. Breast augmentation with implant"
          {...form.getInputProps('description')}
        />
        <MoneyField label="Surgeon fee" required {...form.getInputProps('surgeonFee')} />
        <MoneyField
          label="Facility fee"
          placeholder="0.00"
          {...form.getInputProps('facilityFee')}
        />
        <MoneyField
          label="Anesthesia fee"
          placeholder="0.00"
          {...form.getInputProps('anesthesiaFee')}
        />
      </SimpleGrid>
    </SettingsFormModal>
  );
}

/** The fee schedule: the price of each CPT code the clinic offers, as quotes read it. */
export function FeeSchedulePage() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const fees = useFeeSchedule(debounced);
  // undefined: closed; null: a new entry.
  const [editing, setEditing] = useState<FeeEntry | null | undefined>(undefined);
  return (
    <>
      <PageHeader title="Fee schedule">
        <Button onClick={() => setEditing(null)}>Add a fee</Button>
      </PageHeader>
      <TextInput
        label="Search"
        placeholder="CPT code or words of the description"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={420}
        mb="md"
      />
      <QueryState
        query={fees}
        isEmpty={(rows) => rows.length === 0}
        empty={
          debounced === ''
            ? 'No fees yet: add the CPT codes your clinic offers, with their fees.'
            : 'No fee matches this search.'
        }
      >
        {(rows) => (
          <Table.ScrollContainer minWidth={760}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>CPT</Table.Th>
                  <Table.Th>Description</Table.Th>
                  <Table.Th ta="right">Surgeon</Table.Th>
                  <Table.Th ta="right">Facility</Table.Th>
                  <Table.Th ta="right">Anesthesia</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((f) => (
                  <Table.Tr key={f.id} data-testid={`fee-${f.cptCode}`}>
                    <Table.Td>{f.cptCode}</Table.Td>
                    <Table.Td>{f.description}</Table.Td>
                    <Table.Td ta="right">{formatMoney(f.surgeonFee)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(f.facilityFee)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(f.anesthesiaFee)}</Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(f)}
                        aria-label={`Edit ${f.cptCode}`}
                      >
                        Edit
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {editing !== undefined && (
        <FeeModal
          key={editing?.id ?? 'new'}
          entry={editing}
          onClose={() => setEditing(undefined)}
        />
      )}
    </>
  );
}
