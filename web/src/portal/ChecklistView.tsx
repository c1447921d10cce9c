import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { PageLoader } from '../components/PageLoader';
import { formatDateTime } from '../lib/format';
import { portalCall } from './api';
import { ErrorNote } from './ErrorNote';
import { Block } from './Frame';
import { CHECKLIST_KEY } from './queries';
import type { PortalFdaChecklist } from './types';
import { ViewHeader } from './ViewParts';

/**
 * The FDA's Patient Decision Checklist for breast implants: each section read and initialed, the
 * typed name, then the surgeon's signature (in the clinic's app).
 */
export function ChecklistView() {
  const checklist = useQuery({
    queryKey: CHECKLIST_KEY,
    queryFn: () => portalCall<PortalFdaChecklist>('GET', '/fda-checklist'),
  });
  return (
    <>
      <ViewHeader
        title="Breast implant checklist"
        intro="The U.S. Food and Drug Administration (FDA) asks every patient to read these points about breast implants and to initial each one, and your surgeon to go through them with you."
      />
      {checklist.isPending ? (
        <PageLoader />
      ) : checklist.isError ? (
        <ErrorNote error={checklist.error} title="We could not show the checklist" />
      ) : !checklist.data.required ? (
        <Text>Your plan does not need this checklist.</Text>
      ) : (
        <ChecklistBody checklist={checklist.data} />
      )}
    </>
  );
}

function ChecklistBody({ checklist }: { checklist: PortalFdaChecklist }) {
  const queryClient = useQueryClient();
  const signed = checklist.patientSignedAt !== null;
  const [initials, setInitials] = useState<Record<string, string>>(checklist.initials ?? {});
  const [signerName, setSignerName] = useState(checklist.signerName ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const sign = useMutation({
    mutationFn: () =>
      portalCall<PortalFdaChecklist>('POST', '/fda-checklist/sign', {
        initials: Object.fromEntries(
          checklist.sections.map((s) => [s.key, (initials[s.key] ?? '').trim()]),
        ),
        signerName: signerName.trim(),
        contentHash: checklist.contentHash ?? '',
      }),
    onSuccess: async (done) => {
      queryClient.setQueryData(CHECKLIST_KEY, done);
      await queryClient.invalidateQueries({ queryKey: ['portal'] });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Record<string, string> = {};
    for (const s of checklist.sections) {
      const value = (initials[s.key] ?? '').trim();
      if (value === '') next[s.key] = 'Type your initials for this part.';
      else if (!/^\p{L}{1,4}$/u.test(value)) next[s.key] = 'Your initials: 1 to 4 letters.';
    }
    if (signerName.trim() === '') next.signerName = 'Type your full name.';
    setErrors(next);
    if (Object.keys(next).length === 0) sign.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={2} size="h3">
          {checklist.title ?? 'Patient Decision Checklist'}
        </Title>
        {checklist.sections.map((section, i) => (
          <Paper
            withBorder
            p="md"
            component="section"
            key={section.key}
            aria-labelledby={`fda-${section.key}`}
          >
            <Stack gap="sm">
              <Title order={3} size="h4" id={`fda-${section.key}`}>
                {i + 1}. {section.heading}
              </Title>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{section.body}</Text>
              <TextInput
                label={`Your initials for part ${i + 1}`}
                size="md"
                maw={220}
                maxLength={4}
                autoComplete="off"
                readOnly={signed}
                value={initials[section.key] ?? ''}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setInitials((prev) => ({ ...prev, [section.key]: value }));
                  setErrors((prev) => ({ ...prev, [section.key]: '' }));
                }}
                error={errors[section.key] || undefined}
              />
            </Stack>
          </Paper>
        ))}
        <Block>
          {signed ? (
            <Text>
              You signed this checklist as <strong>{checklist.signerName}</strong> on{' '}
              {formatDateTime(checklist.patientSignedAt)}.
            </Text>
          ) : (
            <>
              <TextInput
                label="Your full name"
                autoComplete="name"
                size="md"
                value={signerName}
                onChange={(e) => {
                  setSignerName(e.currentTarget.value);
                  setErrors((prev) => ({ ...prev, signerName: '' }));
                }}
                error={errors.signerName || undefined}
              />
              <ErrorNote error={sign.error} title="Your checklist was not saved" />
              <Button type="submit" size="md" loading={sign.isPending}>
                Sign the checklist
              </Button>
            </>
          )}
        </Block>
        <Surgeon checklist={checklist} />
      </Stack>
    </form>
  );
}

function Surgeon({ checklist }: { checklist: PortalFdaChecklist }) {
  const surgeon = checklist.surgeonName ?? 'Your surgeon';
  return checklist.surgeonAttestedAt !== null ? (
    <Alert
      color="green"
      title="Your surgeon has signed"
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
    >
      {surgeon} confirmed going through this checklist with you on{' '}
      {formatDateTime(checklist.surgeonAttestedAt)}.
    </Alert>
  ) : (
    <Text size="sm" c="dimmed">
      {surgeon} has not signed yet: they sign after going through the checklist with you.
    </Text>
  );
}
