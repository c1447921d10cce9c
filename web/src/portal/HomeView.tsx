import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatDate, formatDateTime } from '../lib/format';
import type { Overview } from './types';
import { useFocusOnOpen, viewHref, type View } from './view';

type Tone = 'todo' | 'done' | 'wait';

interface Step {
  view: View;
  title: string;
  status: string;
  tone: Tone;
  /** The button's words; none when there is nothing to open yet. */
  action: string | null;
}

// Mantine's darkest green is 4.4:1 on white (axe wants 4.5): a darker one for "done".
const TONE_COLOR: Record<Tone, string> = { todo: 'indigo.7', done: '#1f6f33', wait: 'gray.7' };
/** A mark beside the words, so the status does not rest on colour alone. */
const TONE_MARK: Record<Tone, string> = { todo: '→', done: '✓', wait: '…' };

/** The patient's steps, in order, with where each stands (the API's overview, in plain words). */
export function patientSteps(o: Overview): Step[] {
  const s = o.steps;
  const steps: Step[] = [];
  steps.push({
    view: 'quote',
    title: 'Review your price',
    ...(s.quote === 'AVAILABLE'
      ? { status: 'Ready to review', tone: 'todo', action: 'See your price' }
      : s.quote === 'EXPIRED'
        ? {
            status: 'This price has expired: the clinic will send a new one',
            tone: 'wait',
            action: 'See your price',
          }
        : { status: 'Not ready yet', tone: 'wait', action: null }),
  });
  steps.push({
    view: 'consent',
    title: 'Read and sign your consent',
    ...(s.consent === 'PENDING'
      ? { status: 'Waiting for your signature', tone: 'todo', action: 'Read and sign' }
      : s.consent === 'SIGNED'
        ? { status: 'Signed', tone: 'done', action: 'See your signed consent' }
        : s.consent === 'REVOKED'
          ? {
              status: 'Withdrawn: please contact the clinic',
              tone: 'wait',
              action: 'See the consent',
            }
          : { status: 'Not ready yet', tone: 'wait', action: null }),
  });
  if (s.fdaChecklist !== 'NOT_REQUIRED') {
    steps.push({
      view: 'checklist',
      title: 'Breast implant checklist (FDA)',
      ...(s.fdaChecklist === 'PENDING'
        ? { status: 'Waiting for your initials', tone: 'todo', action: 'Read and initial' }
        : s.fdaChecklist === 'PATIENT_SIGNED'
          ? {
              status: 'Signed by you; your surgeon signs next',
              tone: 'done',
              action: 'See the checklist',
            }
          : { status: 'Complete', tone: 'done', action: 'See the checklist' }),
    });
  }
  steps.push({
    view: 'approve',
    title: 'Approve your plan',
    ...(s.approval === 'READY'
      ? { status: 'Ready for your approval', tone: 'todo', action: 'Review and approve' }
      : s.approval === 'APPROVED'
        ? { status: 'Approved', tone: 'done', action: 'See your approval' }
        : { status: 'After the steps above', tone: 'wait', action: 'See what is left' }),
  });
  if (s.paymentPlan !== 'NONE') {
    steps.push({
      view: 'payment-plan',
      title: 'Choose a payment plan',
      ...(s.paymentPlan === 'OFFERED'
        ? { status: 'Plans to choose from', tone: 'todo', action: 'See the payment plans' }
        : { status: 'Chosen', tone: 'done', action: 'See your payments' }),
    });
  }
  if (s.implantCards > 0) {
    steps.push({
      view: 'implant-card',
      title: 'Your implant card',
      status: s.implantCards === 1 ? '1 implant' : `${s.implantCards} implants`,
      tone: 'done',
      action: 'See your implant card',
    });
  }
  return steps;
}

/** The steps, each with its status and a way into its view. */
export function HomeView({ overview }: { overview: Overview }) {
  const heading = useFocusOnOpen<HTMLHeadingElement>();
  const steps = patientSteps(overview);
  return (
    <>
      <Stack gap={4}>
        <Text size="lg">Hello, {overview.patient.firstName}</Text>
        <Title order={1} ref={heading} tabIndex={-1}>
          Your surgery plan
        </Title>
        <Text>
          {overview.plan.procedureName}{' '}
          <Text span c="dimmed" size="sm">
            (plan {overview.plan.planNumber})
          </Text>
        </Text>
        {overview.plan.approvedAt !== null && (
          <Text size="sm">Approved on {formatDate(overview.plan.approvedAt.slice(0, 10))}.</Text>
        )}
      </Stack>
      <Stack
        component="ol"
        gap="sm"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label="Your steps"
      >
        {steps.map((step, i) => (
          <Paper component="li" withBorder p="md" key={step.view}>
            <Group justify="space-between" align="center" wrap="wrap" gap="sm">
              <Stack gap={4} style={{ flex: '1 1 14rem' }}>
                <Title order={2} size="h4">
                  {i + 1}. {step.title}
                </Title>
                <Text size="sm" fw={600} c={TONE_COLOR[step.tone]}>
                  <span aria-hidden="true">{TONE_MARK[step.tone]}</span> {step.status}
                </Text>
              </Stack>
              {step.action !== null && (
                <Button
                  component="a"
                  href={viewHref(step.view)}
                  variant={step.tone === 'todo' ? 'filled' : 'default'}
                  size="md"
                >
                  {step.action}
                </Button>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
      <Text size="sm" c="dimmed">
        This link works until {formatDateTime(overview.link.expiresAt)}. Questions? Call{' '}
        {overview.clinic.name}
        {overview.clinic.phone !== null ? ` at ${overview.clinic.phone}` : ''}.
      </Text>
    </>
  );
}
