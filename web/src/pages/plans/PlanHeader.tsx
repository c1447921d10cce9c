import { Group, Title } from '@mantine/core';
import { useAuth } from '../../auth/AuthProvider';
import { StatusBadge } from '../../components/StatusBadge';
import { CancelPlan } from './CancelPlan';
import { PlanEditModal } from './PlanEditModal';
import type { Plan } from './types';

const CANCELLABLE: readonly Plan['status'][] = ['DRAFT', 'QUOTED', 'APPROVED', 'SCHEDULED'];

/** The plan's number and status, with "Edit" and "Cancel plan" for who may. */
export function PlanHeader({ plan }: { plan: Plan }) {
  const { can } = useAuth();
  const editable = plan.status === 'DRAFT' || plan.status === 'QUOTED';
  return (
    <Group justify="space-between" wrap="wrap">
      <Group gap="sm" wrap="wrap">
        <Title order={1} size="h2">
          Plan {plan.planNumber}
        </Title>
        <StatusBadge status={plan.status} />
      </Group>
      {can('plans.write') && (
        <Group gap="sm" wrap="wrap">
          {editable && <PlanEditModal plan={plan} />}
          {CANCELLABLE.includes(plan.status) && <CancelPlan plan={plan} />}
        </Group>
      )}
    </Group>
  );
}
