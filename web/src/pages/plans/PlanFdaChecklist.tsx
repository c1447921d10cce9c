import { Button, Group, List, Modal, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useInvalidate } from '../../api/queries';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/AuthProvider';
import { notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime } from '../../lib/format';
import { shortHash } from './consentHash';
import { Section } from './Section';
import type { Plan } from './types';

type PlanFdaChecklist = components['schemas']['PlanFdaChecklistDto_Output'];
type FdaChecklist = NonNullable<PlanFdaChecklist['checklist']>;

const STATUS_TEXT: Record<FdaChecklist['status'], string> = {
  PENDING: 'Waiting for the patient to initial every section and sign',
  PATIENT_SIGNED: 'Signed by the patient: waiting for the surgeon’s attestation',
  COMPLETED: 'Signed by the patient and attested by the surgeon',
  VOIDED: 'Voided',
};

/**
 * A breast implant plan's FDA Patient Decision Checklist (docs/fda-checklist.md): shown only when
 * the plan needs it, with the sections the patient initialed and, for a surgeon, the attestation.
 */
export function PlanFdaChecklist({ plan }: { plan: Plan }) {
  const checklist = useQuery({
    queryKey: ['procedure-plans', plan.id, 'fda-checklist'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/procedure-plans/{id}/fda-checklist', {
          params: { path: { id: plan.id } },
        }),
      ),
  });
  if (checklist.data?.required === false) return null;
  return (
    <Section id="plan-fda-checklist" title="FDA checklist">
      <QueryState query={checklist}>
        {(c) =>
          c.checklist === null ? (
            <Text size="sm" c="red.9">
              This plan places a breast implant, but the clinic has no active FDA checklist version:
              an administrator reactivates one or publishes a new one in Settings.
            </Text>
          ) : (
            <ChecklistView checklist={c.checklist} planId={plan.id} />
          )
        }
      </QueryState>
    </Section>
  );
}

function ChecklistView({ checklist, planId }: { checklist: FdaChecklist; planId: string }) {
  const { can } = useAuth();
  const [confirming, setConfirming] = useState(false);
  const initials = checklist.initials ?? {};
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap">
        <StatusBadge status={checklist.status} />
        <Text size="sm">{STATUS_TEXT[checklist.status]}</Text>
      </Group>
      <Text size="sm" c="dimmed">
        {checklist.title}, version {checklist.templateVersion}. Text fingerprint (SHA-256):{' '}
        <Text span ff="monospace" size="sm" title={checklist.contentHash}>
          {shortHash(checklist.contentHash)}
        </Text>
      </Text>
      <Paper withBorder p="md" bg="gray.0" aria-label="Sections initialed">
        <List spacing="xs" size="sm">
          {checklist.sections.map((s) => (
            <List.Item key={s.key}>
              <strong>{s.heading}</strong>
              {' — '}
              {initials[s.key] !== undefined ? `initialed ${initials[s.key]}` : 'not initialed yet'}
            </List.Item>
          ))}
        </List>
      </Paper>
      {checklist.patientSignedAt !== null && (
        <Text size="sm">
          Signed by <strong>{checklist.signerName}</strong> on{' '}
          {formatDateTime(checklist.patientSignedAt)}
          {checklist.signedThrough === 'PATIENT_LINK'
            ? ', through the patient’s link'
            : ', in the clinic'}
          .
        </Text>
      )}
      {checklist.attestedAt !== null && (
        <Text size="sm">
          Attested by <strong>{checklist.surgeonName ?? 'the surgeon'}</strong> on{' '}
          {formatDateTime(checklist.attestedAt)}.
        </Text>
      )}
      {checklist.status === 'PATIENT_SIGNED' && can('fdaChecklist.attest') && (
        <Group>
          <Button onClick={() => setConfirming(true)}>Sign surgeon attestation</Button>
        </Group>
      )}
      {confirming && (
        <AttestModal checklist={checklist} planId={planId} onClose={() => setConfirming(false)} />
      )}
    </Stack>
  );
}

function AttestModal({
  checklist,
  planId,
  onClose,
}: {
  checklist: FdaChecklist;
  planId: string;
  onClose: () => void;
}) {
  const invalidate = useInvalidate();
  const attest = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/procedure-plans/{id}/fda-checklist/attest', {
          params: { path: { id: planId }, header: { 'If-Match': `"${checklist.version}"` } },
        }),
      ),
    onSuccess: async () => {
      await invalidate(['procedure-plans', planId]);
      notifySuccess('FDA checklist attested');
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Sign the surgeon’s attestation">
      <Stack>
        <ProblemAlert error={attest.error} title="Not signed" />
        <Text size="sm">By signing, you state:</Text>
        <Paper withBorder p="md" bg="gray.0">
          <Text size="sm">{checklist.surgeonAttestation}</Text>
        </Paper>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={attest.isPending} onClick={() => attest.mutate()}>
            Sign attestation
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
