import { Button, Group, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { useInvalidate } from '../../api/queries';
import { ApiError } from '../../api/problem';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { consentContentHash } from './consentHash';
import type { Consent } from './types';

type Relationship = 'SELF' | 'GUARDIAN' | 'POWER_OF_ATTORNEY';

const RELATIONSHIPS: { value: Relationship; label: string }[] = [
  { value: 'SELF', label: 'Self (the patient)' },
  { value: 'GUARDIAN', label: 'Guardian' },
  { value: 'POWER_OF_ATTORNEY', label: 'Power of attorney' },
];

interface SignValues {
  signerName: string;
  relationship: Relationship;
  signatureData: string;
}

/** The typed signature of a PENDING consent, bound to the text shown above it. */
export function ConsentSignForm({ consent, planId }: { consent: Consent; planId: string }) {
  const invalidate = useInvalidate();
  const [shownFields, setShownFields] = useState<string[]>([]);
  const form = useForm<SignValues>({
    initialValues: { signerName: '', relationship: 'SELF', signatureData: '' },
    validate: {
      signerName: (v) => (v.trim() === '' ? 'Enter the name of the person signing' : null),
      signatureData: (v) =>
        v.trim() === ''
          ? 'The signer types their name here'
          : v.trim().length > 200
            ? 'At most 200 characters'
            : null,
    },
  });
  const sign = useMutation({
    mutationFn: (values: SignValues) =>
      unwrap(
        api.POST('/api/v1/consents/{id}/sign', {
          params: { path: { id: consent.id } },
          headers: ifMatch(consent.version),
          body: {
            signerName: values.signerName.trim(),
            relationship: values.relationship,
            signatureMethod: 'TYPED',
            signatureData: values.signatureData.trim(),
            contentHash: consentContentHash(consent.title, consent.body),
          },
        }),
      ),
    onMutate: () => setShownFields([]),
    onSuccess: async () => {
      await invalidate(['consents'], ['procedure-plans', planId]);
      notifySuccess('Signature recorded');
      form.reset();
    },
    onError: (error) => setShownFields(applyFieldErrors(form, error)),
  });
  const changed = sign.error instanceof ApiError && sign.error.code === 'CONSENT_CONTENT_CHANGED';

  return (
    <form onSubmit={form.onSubmit((values) => sign.mutate(values))} aria-labelledby="sign-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="sign-title">
          Sign the consent
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Signer name" withAsterisk {...form.getInputProps('signerName')} />
          <Select
            label="Relationship"
            data={RELATIONSHIPS}
            allowDeselect={false}
            {...form.getInputProps('relationship')}
          />
        </SimpleGrid>
        <TextInput
          label="Typed signature"
          description="The signer types their full name to sign the text above."
          withAsterisk
          {...form.getInputProps('signatureData')}
        />
        {changed ? (
          <Stack gap="xs">
            <ProblemAlert error={sign.error} title="The consent text changed: nothing was signed" />
            <Group>
              <Button
                variant="default"
                onClick={() => {
                  sign.reset();
                  void invalidate(['consents'], ['procedure-plans', planId]);
                }}
              >
                Reload consent
              </Button>
            </Group>
          </Stack>
        ) : (
          <ProblemAlert
            error={sign.error}
            title="The signature was not recorded"
            shownFields={shownFields}
            onReload={() => {
              sign.reset();
              void invalidate(['consents'], ['procedure-plans', planId]);
            }}
          />
        )}
        <Group>
          <Button type="submit" loading={sign.isPending}>
            Record signature
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
