import { Button, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { useInvalidate } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApprovalRecord } from './ApprovalRecord';
import { Section } from './Section';
import type { Plan } from './types';

/**
 * The patient's approval of the quote, recorded by a surgeon or coordinator ("Approve plan"); a
 * 409 PLAN_NOT_APPROVABLE lists every rule the plan still breaks.
 */
export function ApprovePlan({ plan }: { plan: Plan }) {
  const { can } = useAuth();
  const invalidate = useInvalidate();
  const [notes, setNotes] = useState('');
  const approve = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/procedure-plans/{id}/approve', {
          params: { path: { id: plan.id } },
          // The plan as this page shows it: a plan re-quoted meanwhile is a 412, not approved.
          headers: ifMatch(plan.version),
          body: notes.trim() === '' ? {} : { notes: notes.trim() },
        }),
      ),
    onSuccess: async (saved) => {
      await invalidate(['procedure-plans'], ['quotes']);
      notifySuccess(`Plan ${saved.planNumber} approved`);
      setNotes('');
    },
  });

  return (
    <Section id="plan-approval" title="Patient approval">
      {plan.approvedAt !== null ? (
        <ApprovalRecord
          approvedAt={plan.approvedAt}
          approvalNotes={plan.approvalNotes}
          approvedByPatient={plan.approvedByPatient}
        />
      ) : plan.status === 'QUOTED' && can('plans.write') ? (
        <Stack gap="sm" maw={640}>
          <Text size="sm">
            Record that the patient accepted the current quote. The quote becomes Accepted and the
            plan can be scheduled once the readiness checks are met.
          </Text>
          <Textarea
            label="Approval notes"
            autosize
            minRows={1}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
          <ProblemAlert
            error={approve.error}
            title="The plan was not approved"
            onReload={() => {
              approve.reset();
              void invalidate(['procedure-plans', plan.id], ['quotes']);
            }}
          />
          <div>
            <Button onClick={() => approve.mutate()} loading={approve.isPending}>
              Approve plan
            </Button>
          </div>
        </Stack>
      ) : (
        <Text size="sm">Not approved yet.</Text>
      )}
    </Section>
  );
}
