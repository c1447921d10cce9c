import { Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useStaffNames } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { PdfButton } from '../../components/PdfButton';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime } from '../../lib/format';
import { ConsentSignForm } from './ConsentSignForm';
import { shortHash } from './consentHash';
import { Section } from './Section';
import { titleCase, type Consent, type Plan } from './types';

/** The consent the patient gives for this plan: its exact text, and the typed signature. */
export function PlanConsent({ plan }: { plan: Plan }) {
  return (
    <Section id="plan-consent" title="Consent">
      {plan.consent === null ? (
        <Text size="sm" c="red.9">
          No consent template covers this plan, and the clinic’s general surgical consent
          (GENERAL_SURGICAL_CONSENT) is retired: the surgery cannot be scheduled until an
          administrator adds a consent template and the patient signs it.
        </Text>
      ) : (
        <ConsentLoader consentId={plan.consent.id} planId={plan.id} />
      )}
    </Section>
  );
}

function ConsentLoader({ consentId, planId }: { consentId: string; planId: string }) {
  const consent = useQuery({
    queryKey: ['consents', consentId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/consents/{id}', { params: { path: { id: consentId } } })),
  });
  return (
    <QueryState query={consent}>{(c) => <ConsentView consent={c} planId={planId} />}</QueryState>
  );
}

function ConsentView({ consent, planId }: { consent: Consent; planId: string }) {
  const { can } = useAuth();
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap">
        <StatusBadge status={consent.status} />
        <Text size="sm" c="dimmed">
          {consent.templateCode}, version {consent.templateVersion}
        </Text>
      </Group>
      <Paper withBorder p="md" bg="gray.0" aria-label="Consent text" component="article">
        <Text fw={700} mb="xs">
          {consent.title}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {consent.body}
        </Text>
      </Paper>
      <Text size="sm" c="dimmed">
        Text fingerprint (SHA-256):{' '}
        <Text span ff="monospace" size="sm" title={consent.contentHash}>
          {shortHash(consent.contentHash)}
        </Text>
        . A signature is bound to this exact text: if the text changes, the signature is refused and
        the patient must read the new text.
      </Text>
      {consent.status === 'PENDING' && can('consents.sign') && (
        <ConsentSignForm consent={consent} planId={planId} />
      )}
      <ConsentOutcome consent={consent} />
      {consent.signedAt !== null && can('consents.read') && (
        <Group>
          <PdfButton path={`/api/v1/consents/${consent.id}/pdf`}>Consent PDF</PdfButton>
        </Group>
      )}
    </Stack>
  );
}

function ConsentOutcome({ consent }: { consent: Consent }) {
  const names = useStaffNames();
  const recordedBy =
    consent.recordedById === null ? null : (names.get(consent.recordedById) ?? null);
  return (
    <>
      {consent.signedAt !== null && (
        <Text size="sm">
          Signed by <strong>{consent.signerName}</strong>
          {consent.relationship !== null && ` (${titleCase(consent.relationship)})`} on{' '}
          {formatDateTime(consent.signedAt)}
          {consent.signatureMethod !== null &&
            `, ${consent.signatureMethod.toLowerCase()} signature`}
          {consent.evidence?.channel === 'PATIENT_LINK'
            ? ', by the patient through their link'
            : recordedBy !== null && `, recorded by ${recordedBy}`}
          .
        </Text>
      )}
      {consent.evidence !== null && (
        <Text size="sm" c="dimmed">
          Evidence: IP address {consent.evidence.ipAddress ?? 'not recorded'} · browser{' '}
          {consent.evidence.userAgent ?? 'not recorded'}
        </Text>
      )}
      {consent.revokedAt !== null && (
        <Text size="sm">
          Revoked on {formatDateTime(consent.revokedAt)}:{' '}
          {consent.revokeReason ?? 'no reason given'}.
        </Text>
      )}
      {consent.voidedAt !== null && (
        <Text size="sm">
          Voided on {formatDateTime(consent.voidedAt)}: {consent.voidReason ?? 'no reason given'}.
        </Text>
      )}
    </>
  );
}
