import { Button, NumberInput, Table, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { typeLabel, useAppointmentTypes, type AppointmentTypeSetting } from '../calendar/api';
import { SettingsFormModal, useSettingsSave } from './SettingsFormModal';

function TypeModal({ setting, onClose }: { setting: AppointmentTypeSetting; onClose: () => void }) {
  const form = useForm({
    initialValues: {
      defaultMinutes: setting.defaultMinutes,
      whatToBring: setting.whatToBring ?? '',
    },
    validate: {
      defaultMinutes: (v: number) =>
        Number.isInteger(v) && v >= 5 && v <= 480 ? null : 'From 5 to 480 minutes',
    },
  });
  const save = useSettingsSave({
    form,
    save: (v: { defaultMinutes: number; whatToBring: string }) =>
      unwrap(
        api.PUT('/api/v1/appointment-types/{type}', {
          params: { path: { type: setting.type } },
          body: {
            defaultMinutes: v.defaultMinutes,
            whatToBring: v.whatToBring.trim() === '' ? null : v.whatToBring.trim(),
          },
        }),
      ),
    invalidates: [['appointment-types'], ['availability']],
    savedMessage: () => `${typeLabel(setting.type)} saved`,
    onClose,
  });
  return (
    <SettingsFormModal
      title={`${typeLabel(setting.type)} appointments`}
      {...save}
      errorTitle="Not saved"
      saveLabel="Save"
    >
      <NumberInput
        label="Length (minutes)"
        description="A booking's end by default, and the length of the free slots offered"
        min={5}
        max={480}
        step={5}
        allowDecimal={false}
        {...form.getInputProps('defaultMinutes')}
      />
      <Textarea
        label="What to bring"
        description="Told to the patient in the reminders"
        autosize
        minRows={2}
        {...form.getInputProps('whatToBring')}
      />
    </SettingsFormModal>
  );
}

/** Appointment types: each one's default length and what the patient brings. */
export function AppointmentTypesPage() {
  const types = useAppointmentTypes();
  const [editing, setEditing] = useState<AppointmentTypeSetting | null>(null);
  return (
    <>
      <PageHeader title="Appointment types" />
      <QueryState query={types}>
        {(rows) => (
          <Table.ScrollContainer minWidth={560}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Length</Table.Th>
                  <Table.Th>What to bring</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((t) => (
                  <Table.Tr key={t.type}>
                    <Table.Td>{typeLabel(t.type)}</Table.Td>
                    <Table.Td>{t.defaultMinutes} min</Table.Td>
                    <Table.Td>{t.whatToBring ?? '—'}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(t)}
                        aria-label={`Edit ${typeLabel(t.type)}`}
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
      {editing !== null && <TypeModal setting={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
