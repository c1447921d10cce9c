import { Alert, Anchor, Badge, Group, List, Stack, Text } from '@mantine/core';
import { formatDate } from '../../lib/format';
import type { PlanStatus, Readiness, ReadinessCheck, ReadinessCode } from './types';

/** Where on the page each check is dealt with (`#plan-consent`…), for the sections shown. */
export type SectionLinks = Partial<Record<ReadinessCode, string>>;

export const CHECK_LABELS: Record<ReadinessCode, string> = {
  PLAN_APPROVED: 'Plan approved by the patient',
  CONSENT_SIGNED: 'Consent signed',
  FDA_CHECKLIST_SIGNED: 'FDA breast implant checklist signed',
  PRIOR_AUTH_APPROVED: 'Prior authorization approved',
  INVENTORY_READY: 'Implants and supplies reserved',
};

/** Who may deal with each check (docs/roles.md), for a person whose role may not. */
const WHO: Record<ReadinessCode, string> = {
  PLAN_APPROVED: 'a surgeon or a coordinator',
  CONSENT_SIGNED: 'a surgeon, a nurse or a coordinator',
  FDA_CHECKLIST_SIGNED: 'the patient, then the surgeon',
  PRIOR_AUTH_APPROVED: 'billing or a coordinator',
  INVENTORY_READY: 'a nurse, a surgeon or a coordinator',
};

/** What to do about an unmet check: a sentence, and the text of the link to where it is done. */
export function adviceFor(
  code: ReadinessCode,
  planStatus?: PlanStatus,
): { text: string; link: string } {
  switch (code) {
    case 'PLAN_APPROVED':
      if (planStatus === 'DRAFT') {
        return {
          text: 'Create a quote for the patient, then record their approval of it.',
          link: 'Go to the quote',
        };
      }
      if (planStatus === 'CANCELLED' || planStatus === 'COMPLETED') {
        return { text: 'This plan can no longer be scheduled.', link: '' };
      }
      return {
        text: 'Record the patient’s approval of the quote with “Approve plan”.',
        link: 'Go to approval',
      };
    case 'CONSENT_SIGNED':
      return {
        text: 'Have the patient read the consent text, then record their typed signature.',
        link: 'Go to the consent',
      };
    case 'FDA_CHECKLIST_SIGNED':
      return {
        text: 'The patient initials every section of the FDA checklist and signs it (through their link, or here in the clinic); then the surgeon signs the attestation.',
        link: 'Go to the FDA checklist',
      };
    case 'PRIOR_AUTH_APPROVED':
      return {
        text: 'Request prior authorization, submit it to the payer and record its approval; its validity must include the surgery date.',
        link: 'Go to prior authorization',
      };
    case 'INVENTORY_READY':
      return {
        text: 'Allocate every required implant (serial numbers are reserved) and check the other items are in stock; a shortfall needs a delivery first.',
        link: 'Go to inventory',
      };
  }
}

/** Filled dark shades: the light badge variants do not reach 4.5:1 contrast. */
function CheckState({ check }: { check: ReadinessCheck }) {
  if (!check.required) return <Badge color="gray.7">Not required</Badge>;
  return check.ok ? <Badge color="teal.9">Met</Badge> : <Badge color="red.9">Not met</Badge>;
}

const ALERT_TEXT = { title: { color: 'var(--mantine-color-text)' } };

/**
 * The scheduling checklist (GET /procedure-plans/:id/readiness, or a SCHEDULING_BLOCKED answer's
 * `checks`): each check's state and the API's detail, and for an unmet one what to do about it.
 */
export function ReadinessChecklist({
  readiness,
  planStatus,
  sections = {},
}: {
  readiness: Pick<Readiness, 'checks'> & Partial<Pick<Readiness, 'ready' | 'surgeryDate'>>;
  planStatus?: PlanStatus;
  sections?: SectionLinks;
}) {
  const unmet = readiness.checks.filter((c) => c.required && !c.ok);
  const ready = readiness.ready ?? unmet.length === 0;
  const day = readiness.surgeryDate ? ` for ${formatDate(readiness.surgeryDate)}` : '';
  return (
    <Stack gap="sm">
      {ready ? (
        <Alert color="green" role="status" title="Ready to schedule" styles={ALERT_TEXT}>
          Every required check is met{day}.
        </Alert>
      ) : (
        <Alert color="yellow" role="status" title="Not ready to schedule" styles={ALERT_TEXT}>
          {unmet.length === 1 ? '1 required check is' : `${unmet.length} required checks are`} not
          met{day}.
        </Alert>
      )}
      <List listStyleType="none" spacing="sm" aria-label="Scheduling checks">
        {readiness.checks.map((check) => {
          const advice = check.required && !check.ok ? adviceFor(check.code, planStatus) : null;
          const href = sections[check.code];
          return (
            <List.Item key={check.code} data-check={check.code}>
              <Group gap="xs" wrap="wrap">
                <CheckState check={check} />
                <Text fw={600} size="sm">
                  {CHECK_LABELS[check.code]}
                </Text>
              </Group>
              <Text size="sm" c="dimmed">
                {check.detail}
              </Text>
              {advice !== null && (
                <Text size="sm">
                  {advice.text}{' '}
                  {advice.link === '' ? null : href !== undefined ? (
                    <Anchor href={href} size="sm">
                      {advice.link}
                    </Anchor>
                  ) : (
                    `(This is done by ${WHO[check.code]}.)`
                  )}
                </Text>
              )}
            </List.Item>
          );
        })}
      </List>
    </Stack>
  );
}
