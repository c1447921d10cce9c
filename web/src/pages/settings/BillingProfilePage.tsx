import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { useInvalidate } from '../../api/queries';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';

type BillingProfile = components['schemas']['BillingProfileDto_Output'];
type PutBillingProfile = components['schemas']['PutBillingProfileDto'];
/** The PUT's body as the form holds it: every line a string, blank when empty. */
type BillingProfileValues = Omit<PutBillingProfile, 'address'> & {
  address: Required<{ [K in keyof PutBillingProfile['address']]: string }>;
};

const PLACES_OF_SERVICE = [
  { value: '11', label: '11 — Office' },
  { value: '22', label: '22 — Outpatient hospital' },
  { value: '24', label: '24 — Ambulatory surgical center' },
];

const billingProfileKey = ['clinic', 'billing-profile'] as const;

/** The profile, or null while none is set (404 BILLING_PROFILE_NOT_SET: the form starts empty). */
function useBillingProfile() {
  return useQuery({
    queryKey: billingProfileKey,
    queryFn: async (): Promise<BillingProfile | null> => {
      try {
        return await unwrap(api.GET('/api/v1/clinic/billing-profile'));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'BILLING_PROFILE_NOT_SET') return null;
        throw error;
      }
    },
  });
}

function valuesOf(p: BillingProfile | null): BillingProfileValues {
  return {
    legalName: p?.legalName ?? '',
    npi: p?.npi ?? '',
    taxId: p?.taxId ?? '',
    taxonomyCode: p?.taxonomyCode ?? '',
    address: {
      line1: p?.address.line1 ?? '',
      line2: p?.address.line2 ?? '',
      city: p?.address.city ?? '',
      state: p?.address.state ?? '',
      postalCode: p?.address.postalCode ?? '',
    },
    submitterId: p?.submitterId ?? '',
    receiverId: p?.receiverId ?? '',
    defaultPlaceOfService: p?.defaultPlaceOfService ?? '24',
  };
}

const required = (label: string) => (v: string) => (v.trim() === '' ? `Enter the ${label}` : null);

export function BillingProfileForm({ profile }: { profile: BillingProfile | null }) {
  const invalidate = useInvalidate();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<BillingProfileValues>({
    initialValues: valuesOf(profile),
    validate: {
      legalName: required('legal name'),
      npi: (v) => (/^\d{10}$/.test(v.trim()) ? null : 'An NPI is 10 digits'),
      taxId: (v) =>
        /^\d{2}-?\d{7}$/.test(v.trim()) ? null : 'An EIN is 9 digits, e.g. 12-3456789',
      taxonomyCode: required('taxonomy code'),
      address: {
        line1: required('street address'),
        city: required('city'),
        state: required('state'),
        postalCode: (v) =>
          /^\d{5}-?\d{4}$/.test(v.trim()) ? null : 'A ZIP+4: 9 digits, e.g. 10001-2345',
      },
      submitterId: required('submitter id'),
      receiverId: required('receiver id'),
    },
  });
  const save = useMutation({
    mutationFn: (body: BillingProfileValues) =>
      unwrap(
        api.PUT('/api/v1/clinic/billing-profile', {
          params: { header: ifMatch(profile?.version ?? 0) },
          body,
        }),
      ),
    onSuccess: async () => {
      await invalidate(['clinic']);
      notifySuccess('Billing profile saved');
    },
    onError: (error) => setShown(applyFieldErrors(form, error)),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
      <Stack maw={880}>
        <Text size="sm">
          Who bills on the clinic’s insurance claims. Every claim sent to a clearinghouse carries
          these; the NPI’s check digit is verified when you save.
        </Text>
        <ProblemAlert
          error={save.error}
          title="Billing profile not saved"
          shownFields={shown}
          onReload={() => void invalidate(['clinic'])}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Legal name" required {...form.getInputProps('legalName')} />
          <TextInput label="Billing NPI" required {...form.getInputProps('npi')} />
          <TextInput label="Federal tax id (EIN)" required {...form.getInputProps('taxId')} />
          <TextInput
            label="Taxonomy code"
            required
            placeholder="e.g. 208200000X"
            {...form.getInputProps('taxonomyCode')}
          />
          <TextInput label="Submitter id" required {...form.getInputProps('submitterId')} />
          <TextInput
            label="Receiver id (clearinghouse)"
            required
            {...form.getInputProps('receiverId')}
          />
          <Select
            label="Default place of service"
            required
            allowDeselect={false}
            data={PLACES_OF_SERVICE}
            {...form.getInputProps('defaultPlaceOfService')}
          />
        </SimpleGrid>
        <Title order={2} size="h4" mt="sm">
          Billing address
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Street address" required {...form.getInputProps('address.line1')} />
          <TextInput label="Suite, floor (optional)" {...form.getInputProps('address.line2')} />
          <TextInput label="City" required {...form.getInputProps('address.city')} />
          <SimpleGrid cols={2}>
            <TextInput label="State" required {...form.getInputProps('address.state')} />
            <TextInput label="ZIP+4" required {...form.getInputProps('address.postalCode')} />
          </SimpleGrid>
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            Save billing profile
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Settings → Billing profile (`GET/PUT /clinic/billing-profile`, docs/claims.md "Set-up"). */
export function BillingProfilePage() {
  const profile = useBillingProfile();
  return (
    <>
      <PageHeader title="Billing profile" />
      <QueryState query={profile}>
        {(p) => <BillingProfileForm key={p?.version ?? 0} profile={p} />}
      </QueryState>
    </>
  );
}
