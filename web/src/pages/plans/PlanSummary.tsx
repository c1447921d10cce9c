import { Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useStaffNames } from '../../api/queries';
import { Fact } from '../../components/Fact';
import { PatientLink } from '../../components/PatientLink';
import { formatDateTime, formatMoney, formatPatientName } from '../../lib/format';
import { CptList } from './CptPicker';
import { DiagnosisList } from './Icd10Picker';
import { titleCase, type Plan } from './types';

/** What the plan is: patient, procedure, codes, money, who did what. The page's first section. */
export function PlanSummary({ plan }: { plan: Plan }) {
  const names = useStaffNames();
  const userName = (id: string | null) => (id === null ? '—' : (names.get(id) ?? '—'));
  return (
    <Card withBorder component="section" id="plan-details" aria-label="Plan details and codes">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm">
          <Fact label="Patient">
            <PatientLink
              id={plan.patientId}
              label={(p) => `${formatPatientName(p)} (${p.mrn})`}
              fallback="Open the patient"
            />
          </Fact>
          <Fact label="Procedure">
            <Text>{plan.procedureName}</Text>
          </Fact>
          <Fact label="Type">
            <Text>
              {titleCase(plan.procedureType)}
              {plan.insuranceCoverage ? ' (insurance)' : ' (self-pay)'}
            </Text>
          </Fact>
          <Fact label="CPT codes">
            <Text size="sm">Primary {plan.primaryCPTCode}</Text>
            <CptList codes={plan.cptCodes} />
          </Fact>
          {plan.procedureType === 'HYBRID' && (
            <Fact label="Insurance CPT codes">
              <Text>{plan.insuranceCptCodes.join(', ') || '—'}</Text>
            </Fact>
          )}
          <Fact label="Diagnosis codes">
            {plan.diagnosisCodes.length === 0 ? (
              <Text>—</Text>
            ) : (
              <DiagnosisList codes={plan.diagnosisCodes} />
            )}
          </Fact>
          <Fact label="Estimated cost">
            <Text>
              {plan.estimatedCost === null ? 'Not quoted' : formatMoney(plan.estimatedCost)}
            </Text>
            {plan.estimatedCost !== null && plan.insuranceCoverage && (
              <Text size="sm" c="dimmed">
                Insurance {formatMoney(plan.insurancePortion)} · patient{' '}
                {formatMoney(plan.patientPortion)}
              </Text>
            )}
          </Fact>
          <Fact label="Created">
            <Text>
              {formatDateTime(plan.createdAt)} by {userName(plan.createdById)}
            </Text>
          </Fact>
          {plan.approvedAt !== null && (
            <Fact label="Approved">
              <Text>
                {plan.approvedByPatient
                  ? `Approved by the patient through their link on ${formatDateTime(plan.approvedAt)}`
                  : `${formatDateTime(plan.approvedAt)}, recorded by ${userName(plan.approvedById)}`}
              </Text>
            </Fact>
          )}
          {plan.cancelledAt !== null && (
            <Fact label="Cancelled">
              <Text>
                {formatDateTime(plan.cancelledAt)}: {plan.cancelReason ?? 'no reason given'}
              </Text>
            </Fact>
          )}
        </SimpleGrid>
        <Group>
          <Fact label="Notes">
            <Text style={{ whiteSpace: 'pre-wrap' }}>{plan.notes ?? '—'}</Text>
          </Fact>
        </Group>
      </Stack>
    </Card>
  );
}
