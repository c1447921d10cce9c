import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { ReadinessChecklist, type SectionLinks } from './ReadinessChecklist';
import { Section } from './Section';
import type { Plan } from './types';

/** The plan's scheduling checklist as the API computes it today. */
export function PlanReadiness({ plan, sections }: { plan: Plan; sections: SectionLinks }) {
  const readiness = useQuery({
    queryKey: ['procedure-plans', plan.id, 'readiness'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/procedure-plans/{id}/readiness', { params: { path: { id: plan.id } } }),
      ),
  });
  return (
    <Section id="plan-readiness" title="Readiness for surgery">
      <QueryState query={readiness} isEmpty={(r) => r.checks.length === 0} empty="No checks apply.">
        {(r) => <ReadinessChecklist readiness={r} planStatus={plan.status} sections={sections} />}
      </QueryState>
    </Section>
  );
}
