import {
  Alert,
  Button,
  Group,
  NumberInput,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useInvalidate, usePatient } from '../../api/queries';
import { notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime } from '../../lib/format';
import { Section } from './Section';
import type { Plan } from './types';

type Channel = 'EMAIL' | 'COPY';

/**
 * "maria.lopez@example.com" → "m•••@example.com", as the API masks the address a link went to:
 * enough to recognise, not to read out.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

/**
 * The patient's own link to this plan (docs/patient-portal.md): sent to the patient's email, or
 * created for staff to copy and hand over (the address shown once, never again), with its expiry;
 * the links so far with their status, and Revoke.
 */
export function PatientLinks({ plan }: { plan: Plan }) {
  const patient = usePatient(plan.patientId);
  const email = patient.data?.email ?? null;
  const invalidate = useInvalidate();
  const [channel, setChannel] = useState<Channel>('EMAIL');
  const [hours, setHours] = useState<string | number>(72);
  const [created, setCreated] = useState<{ url: string; expiresAt: string } | null>(null);
  const links = useQuery({
    queryKey: ['procedure-plans', plan.id, 'patient-links'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/procedure-plans/{id}/patient-links', {
          params: { path: { id: plan.id } },
        }),
      ),
  });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/procedure-plans/{id}/patient-link', {
          params: { path: { id: plan.id } },
          body: { channel: chosen, expiresInHours: Number(hours) },
        }),
      ),
    onMutate: () => setCreated(null),
    onSuccess: async (link) => {
      await invalidate(['procedure-plans', plan.id, 'patient-links']);
      if (link.url !== undefined && link.url !== null) {
        setCreated({ url: link.url, expiresAt: link.expiresAt });
      } else {
        notifySuccess(`Link sent to ${email === null ? 'the patient' : maskEmail(email)}`);
      }
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/patient-links/{id}/revoke', { params: { path: { id } } })),
    onSuccess: async () => {
      await invalidate(['procedure-plans', plan.id, 'patient-links']);
      notifySuccess('Link revoked: it no longer opens the plan');
    },
  });
  // Email needs the patient's address and a mail server (SMTP_URL); otherwise only a copy link.
  const mailServer = links.data?.emailAvailable !== false;
  const emailPossible = email !== null && mailServer;
  const chosen: Channel = emailPossible ? channel : 'COPY';
  const hoursValid = Number.isInteger(Number(hours)) && Number(hours) >= 1 && Number(hours) <= 168;
  const cancelled = plan.status === 'CANCELLED';

  return (
    <Section id="plan-patient-link" title="Patient link">
      <Stack gap="md">
        <Text size="sm">
          The patient opens this plan on their phone with a link: they confirm their date of birth,
          review the quote, sign the consent (and the FDA checklist for breast implants), approve
          the plan and choose a payment plan. Five wrong dates of birth lock the link.
        </Text>
        {!cancelled && (
          <Stack gap="sm" maw={640}>
            <Radio.Group
              label="How the patient gets it"
              value={chosen}
              onChange={(v) => setChannel(v)}
            >
              <Stack gap={6} mt={4}>
                <Radio
                  value="EMAIL"
                  label={
                    !mailServer
                      ? 'Send by email (this server sends no mail: SMTP_URL is not set)'
                      : email === null
                        ? 'Send by email (the patient has no email address on file)'
                        : `Send by email to ${maskEmail(email)}`
                  }
                  disabled={!emailPossible}
                />
                <Radio value="COPY" label="Create a link to copy and give to the patient" />
              </Stack>
            </Radio.Group>
            <NumberInput
              label="Expires after (hours)"
              description="1 to 168 hours (a week)"
              min={1}
              max={168}
              allowDecimal={false}
              value={hours}
              onChange={setHours}
              error={hoursValid ? undefined : 'Between 1 and 168 hours'}
              maw={220}
            />
            <ProblemAlert error={create.error} title="No link was created" />
            <Group>
              <Button
                onClick={() => create.mutate()}
                loading={create.isPending}
                disabled={!hoursValid}
              >
                {chosen === 'EMAIL' ? 'Send link' : 'Create link'}
              </Button>
            </Group>
          </Stack>
        )}
        {created !== null && <CreatedLink url={created.url} expiresAt={created.expiresAt} />}
        <ProblemAlert error={links.error} title="Could not load the links" />
        <ProblemAlert error={revoke.error} title="The link was not revoked" />
        {links.data !== undefined && links.data.data.length > 0 && (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Created</Table.Th>
                  <Table.Th scope="col">Sent</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Expires</Table.Th>
                  <Table.Th scope="col">Last used</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {links.data.data.map((link) => (
                  <Table.Tr key={link.id}>
                    <Table.Td>
                      {formatDateTime(link.createdAt)}
                      <Text size="xs" c="dimmed">
                        by {link.createdByName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {link.channel === 'EMAIL' ? `Email to ${link.sentTo ?? '—'}` : 'Copied link'}
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={link.status} />
                    </Table.Td>
                    <Table.Td>{formatDateTime(link.expiresAt)}</Table.Td>
                    <Table.Td>{formatDateTime(link.lastUsedAt)}</Table.Td>
                    <Table.Td>
                      {link.status === 'ACTIVE' && (
                        <Button
                          size="xs"
                          variant="default"
                          color="red"
                          loading={revoke.isPending && revoke.variables === link.id}
                          onClick={() => revoke.mutate(link.id)}
                          aria-label={`Revoke the link created ${formatDateTime(link.createdAt)}`}
                        >
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Section>
  );
}

/** The new link, shown this once (the server keeps only its hash), with a Copy button. */
function CreatedLink({ url, expiresAt }: { url: string; expiresAt: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // No clipboard API (a plain-HTTP LAN address): select the text so Ctrl+C copies it.
      input.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  return (
    <Alert
      color="yellow"
      title="Copy this link now: it is shown only once"
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
    >
      <Stack gap="xs">
        <Text size="sm">
          Give it to the patient only. With it and their date of birth, anyone can open this plan
          until {formatDateTime(expiresAt)}. If it is lost, revoke it and create a new one.
        </Text>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            ref={input}
            label="Patient link"
            value={url}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
            style={{ flex: 1 }}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <Button onClick={() => void copy()}>{copied ? 'Copied' : 'Copy'}</Button>
        </Group>
      </Stack>
    </Alert>
  );
}
