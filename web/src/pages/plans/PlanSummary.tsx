import { Anchor, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime, formatMoney, formatPatientName } from '../../lib/format';
import { DiagnosisList } from './Icd10Picker';
import { patientQuery, usersQuery } from './queries';
import { Fact } from './Section';
import { titleCase, type Plan } from './types';

/** What the plan is: patient, procedure, codes, money, who did what. */
export function PlanSummary({ plan }: { plan: Plan }) {
  const patient = useQuery(patientQuery(plan.patientId));
  const users = useQuery(usersQuery());
  const userName = (id: string | null) => (id === null ? '—' : (users.data?.get(id) ?? '—'));
  return (
    <Card withBorder component="section" aria-label="Plan details">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm">
          <Fact label="Patient">
            <Anchor component={Link} to={`/patients/${plan.patientId}`}>
              {patient.data !== undefined
                ? `${formatPatientName(patient.data)} (${patient.data.mrn})`
                : patient.isError
                  ? 'Open the patient'
                  : 'Loading…'}
            </Anchor>
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
            <Text>
              {plan.cptCodes
                .map((c) => (c === plan.primaryCPTCode ? `${c} (primary)` : c))
                .join(', ')}
            </Text>
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
              <Text size="sm" c="gray.7">
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
                {formatDateTime(plan.approvedAt)}, recorded by {userName(plan.approvedById)}
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
