import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { planQuery } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { QueryState } from '../../components/QueryState';
import { ApprovePlan } from './ApprovePlan';
import { PatientLinks } from './PatientLinks';
import { PlanConsent } from './PlanConsent';
import { PlanFdaChecklist } from './PlanFdaChecklist';
import { PlanHeader } from './PlanHeader';
import { PlanPayments } from './PlanPayments';
import { PlanQuote } from './PlanQuote';
import { PlanReadiness } from './PlanReadiness';
import { PlanRequirements } from './PlanRequirements';
import { PlanSummary } from './PlanSummary';
import { PriorAuthorizations } from './PriorAuthorizations';
import type { SectionLinks } from './ReadinessChecklist';
import { PlanSchedule } from './ScheduleForm';
import { isInsured, type Plan } from './types';

/** `/plans/:id`: everything staff do with one plan, section by section. */
export function PlanPage() {
  const { id = '' } = useParams();
  const plan = useQuery(planQuery(id));
  return <QueryState query={plan}>{(p) => <PlanView plan={p} />}</QueryState>;
}

function PlanView({ plan }: { plan: Plan }) {
  const { can } = useAuth();
  const open = plan.status === 'DRAFT' || plan.status === 'QUOTED';
  const showQuote = can('quotes.read') || (can('plans.quote') && open);
  const showApproval = plan.approvedAt !== null || (plan.status === 'QUOTED' && can('plans.write'));
  const showConsent = can('consents.read');
  const showPriorAuth = isInsured(plan.procedureType) && can('priorAuth.read');
  const showReadiness = open || plan.status === 'APPROVED';
  // The patient's own link (quote, consent, checklist, approval, payment plan; later the implant
  // card): the coordinator's and the surgeon's to send.
  const showPatientLinks = can('patientLinks.manage');
  // The readiness checklist links each unmet check to the section that deals with it.
  const sections: SectionLinks = {
    PLAN_APPROVED:
      plan.status === 'QUOTED' && showApproval
        ? '#plan-approval'
        : plan.status === 'DRAFT' && showQuote
          ? '#plan-quote'
          : undefined,
    CONSENT_SIGNED: showConsent ? '#plan-consent' : undefined,
    FDA_CHECKLIST_SIGNED: showConsent ? '#plan-fda-checklist' : undefined,
    PRIOR_AUTH_APPROVED: showPriorAuth ? '#plan-prior-auth' : undefined,
    INVENTORY_READY: '#plan-inventory',
  };
  // The sections follow the workflow: codes, implants, quote, consent (and the insurer's
  // authorization), the patient's link, approval, readiness, schedule (docs/web-app.md, the plan
  // page).
  return (
    <Stack gap="md">
      <PlanHeader plan={plan} />
      <PlanSummary plan={plan} />
      <PlanRequirements plan={plan} />
      {showQuote && <PlanQuote plan={plan} />}
      {showConsent && <PlanConsent plan={plan} />}
      {showConsent && <PlanFdaChecklist plan={plan} />}
      {showPriorAuth && <PriorAuthorizations plan={plan} />}
      {showPatientLinks && <PatientLinks plan={plan} />}
      {showApproval && <ApprovePlan plan={plan} />}
      {showReadiness && <PlanReadiness plan={plan} sections={sections} />}
      <PlanSchedule plan={plan} />
      <PlanPayments plan={plan} />
    </Stack>
  );
}
