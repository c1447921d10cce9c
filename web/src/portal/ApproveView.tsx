import { Alert, Button, Group, List, SimpleGrid, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDate, formatMoney } from '../lib/format';
import { portalCall } from './api';
import { ErrorNote } from './ErrorNote';
import { Block } from './Frame';
import { OVERVIEW_KEY, QUOTE_KEY } from './queries';
import type { Overview, PortalQuote } from './types';
import { Fact, ViewHeader } from './ViewParts';

const CONSENT_WORDS: Record<Overview['steps']['consent'], string> = {
  NONE: 'Not ready yet',
  PENDING: 'Not signed yet',
  SIGNED: 'Signed',
  REVOKED: 'Withdrawn',
};

const CHECKLIST_WORDS: Record<Overview['steps']['fdaChecklist'], string> = {
  NOT_REQUIRED: 'Not needed',
  PENDING: 'Not signed yet',
  PATIENT_SIGNED: 'Signed by you; waiting for your surgeon',
  COMPLETED: 'Complete',
};

/** What is still missing before the patient can approve, in plain words. */
export function missingSteps(o: Overview): string[] {
  const missing: string[] = [];
  if (o.steps.quote !== 'AVAILABLE') {
    missing.push(
      o.steps.quote === 'EXPIRED'
        ? 'Your price has expired: the clinic will send you a new one.'
        : 'The clinic has not sent your price yet.',
    );
  }
  if (o.steps.consent !== 'SIGNED') missing.push('Sign your consent form.');
  if (o.steps.fdaChecklist === 'PENDING')
    missing.push('Initial and sign the breast implant checklist.');
  return missing;
}

/** "Approve your plan": a summary, then "I approve this plan"; refusals listed in plain words. */
export function ApproveView({ overview }: { overview: Overview }) {
  const queryClient = useQueryClient();
  const quote = useQuery({
    queryKey: QUOTE_KEY,
    queryFn: () => portalCall<PortalQuote>('GET', '/quote'),
    enabled: overview.steps.quote !== 'NONE',
  });
  const approve = useMutation({
    mutationFn: () => portalCall<Overview>('POST', '/approve'),
    onSuccess: async (next) => {
      queryClient.setQueryData(OVERVIEW_KEY, next);
      await queryClient.invalidateQueries({ queryKey: ['portal'] });
    },
  });
  const o = overview;
  const missing = missingSteps(o);
  return (
    <>
      <ViewHeader title="Approve your plan" />
      <Block>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" m={0}>
          <Fact label="Your surgery">{o.plan.procedureName}</Fact>
          <Fact label="Plan reference">{o.plan.planNumber}</Fact>
          <Fact label="You pay">
            {quote.data !== undefined ? formatMoney(quote.data.patientPortion) : '—'}
          </Fact>
          <Fact label="Price valid until">
            {quote.data !== undefined ? formatDate(quote.data.validUntil) : '—'}
          </Fact>
          <Fact label="Consent form">{CONSENT_WORDS[o.steps.consent]}</Fact>
          {o.steps.fdaChecklist !== 'NOT_REQUIRED' && (
            <Fact label="Breast implant checklist">{CHECKLIST_WORDS[o.steps.fdaChecklist]}</Fact>
          )}
        </SimpleGrid>
      </Block>
      {o.steps.approval === 'APPROVED' ? (
        <Alert
          color="green"
          title="Approved"
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
          role="status"
        >
          {o.plan.approvedByPatient ? 'You approved' : 'The clinic recorded your approval of'} this
          plan
          {o.plan.approvedAt !== null ? ` on ${formatDate(o.plan.approvedAt.slice(0, 10))}` : ''}.
          The clinic will contact you to book your surgery.
        </Alert>
      ) : (
        <>
          {missing.length > 0 && (
            <Block>
              <Text fw={600}>Before you can approve:</Text>
              <List>
                {missing.map((m) => (
                  <List.Item key={m}>{m}</List.Item>
                ))}
              </List>
            </Block>
          )}
          <Text>
            By choosing “I approve this plan” you agree to go ahead with the surgery described
            above, at the price shown. The clinic then books a date with you.
          </Text>
          <ErrorNote error={approve.error} title="Your plan could not be approved yet" />
          <Group>
            <Button size="md" onClick={() => approve.mutate()} loading={approve.isPending}>
              I approve this plan
            </Button>
          </Group>
        </>
      )}
    </>
  );
}
