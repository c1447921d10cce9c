import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { useClinic, useInvalidate, type Clinic } from '../../api/queries';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import {
  clinicChanges,
  clinicField,
  clinicValidation,
  clinicValues,
  timeZoneOptions,
  type ClinicValues,
} from './clinicForm';

function ClinicForm({ clinic }: { clinic: Clinic }) {
  const invalidate = useInvalidate();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<ClinicValues>({
    initialValues: clinicValues(clinic),
    validate: clinicValidation,
  });
  const zones = useMemo(() => timeZoneOptions(clinic.timeZone), [clinic.timeZone]);
  const save = useMutation({
    mutationFn: (v: ClinicValues) => {
      const body = clinicChanges(clinic, v);
      if (Object.keys(body).length === 0) return Promise.resolve(clinic);
      return unwrap(
        api.PATCH('/api/v1/clinic', { params: { header: ifMatch(clinic.version) }, body }),
      );
    },
    onSuccess: async () => {
      await invalidate(['clinic']);
      notifySuccess('Clinic saved');
    },
    onError: (error) => setShown(applyFieldErrors(form, error, clinicField)),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
      <Stack maw={880}>
        <ProblemAlert
          error={save.error}
          title="Clinic not saved"
          shownFields={shown}
          onReload={() => void invalidate(['clinic'])}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" required {...form.getInputProps('name')} />
          <TextInput
            label="Phone"
            type="tel"
            placeholder="e.g. (555) 010-2000"
            {...form.getInputProps('phone')}
          />
        </SimpleGrid>
        <Select
          label="Time zone"
          required
          searchable
          description="Every time in Contour is shown, printed and typed in this zone."
          data={zones}
          maxDropdownHeight={280}
          nothingFoundMessage="No such time zone"
          {...form.getInputProps('timeZone')}
        />
        <Title order={2} size="h4" mt="sm">
          Address
        </Title>
        <Text size="sm">Printed on quotes and bills. Leave every line blank for none.</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Street address" {...form.getInputProps('line1')} />
          <TextInput label="Suite, floor (optional)" {...form.getInputProps('line2')} />
          <TextInput label="City" {...form.getInputProps('city')} />
          <SimpleGrid cols={2}>
            <TextInput label="State" {...form.getInputProps('state')} />
            <TextInput label="ZIP code" {...form.getInputProps('postalCode')} />
          </SimpleGrid>
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            Save clinic
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The clinic itself: name, phone, address and the IANA time zone (`PATCH /clinic`, If-Match). */
export function ClinicPage() {
  const clinic = useClinic();
  return (
    <>
      <PageHeader title="Clinic" />
      <QueryState query={clinic}>
        {(c) => <ClinicForm key={`${c.id}:${c.version}`} clinic={c} />}
      </QueryState>
    </>
  );
}
