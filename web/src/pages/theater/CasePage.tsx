import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useCase, useStaff } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { FactsTable } from '../../components/FactsTable';
import { PageHeader } from '../../components/PageHeader';
import { PatientLink } from '../../components/PatientLink';
import { PdfButton } from '../../components/PdfButton';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime, formatTime, todayIso } from '../../lib/format';
import { PostOpScheduleSection } from '../calendar/sections/PostOpScheduleSection';
import { CaseActions } from './CaseActions';
import { PickList } from './PickList';
import { RecordUsageForm } from './RecordUsageForm';
import type { SurgicalCase } from './queries';
import { UsageTable } from './UsageTable';

const codes = (list: readonly string[]) => (list.length === 0 ? '—' : list.join(', '));

/** "Dec 5, 2026, 9:00 AM – 12:00 PM", the end with its date only when it is another day. */
function scheduled(c: SurgicalCase): string {
  const sameDay = todayIso(new Date(c.scheduledStart)) === todayIso(new Date(c.scheduledEnd));
  return `${formatDateTime(c.scheduledStart)} – ${
    sameDay ? formatTime(c.scheduledEnd) : formatDateTime(c.scheduledEnd)
  }`;
}

function CaseFacts({ kase }: { kase: SurgicalCase }) {
  const { can } = useAuth();
  const staff = useStaff();
  const surgeon = staff.data?.find((u) => u.id === kase.surgeonId);
  const procedure: [string, ReactNode][] = [
    ['Procedure', kase.procedureName],
    ['Procedure type', kase.procedureType],
    ['Primary CPT code', kase.procedureCode],
    ['CPT codes', codes(kase.cptCodes)],
    ['Insured CPT codes', codes(kase.insuranceCptCodes)],
    ['Diagnosis codes', codes(kase.diagnosisCodes)],
    [
      'Patient',
      <PatientLink key="patient" id={kase.patientId} fallback={kase.patientName} inherit />,
    ],
  ];
  if (can('plans.read')) {
    procedure.push([
      'Procedure plan',
      <Anchor key="plan" component={Link} to={`/plans/${kase.procedurePlanId}`} inherit>
        View procedure plan
      </Anchor>,
    ]);
  }
  const times: [string, ReactNode][] = [
    ['Operating room', kase.operatingRoomName],
    ['Surgeon', surgeon?.name ?? (staff.isPending ? '…' : '—')],
    ['Scheduled', scheduled(kase)],
    ['Started', formatDateTime(kase.startedAt)],
    ...(kase.startReason === null
      ? []
      : ([['Started outside its day because', kase.startReason]] as [string, ReactNode][])),
    ['Completed', formatDateTime(kase.completedAt)],
  ];
  if (kase.completionNotes !== null) times.push(['Completion notes', kase.completionNotes]);
  if (kase.status === 'CANCELLED') {
    times.push(['Cancelled', formatDateTime(kase.cancelledAt)]);
    times.push(['Cancellation reason', kase.cancelReason ?? '—']);
  }
  if (kase.billId !== null) {
    times.push([
      'Bill',
      can('bills.read') ? (
        <Anchor key="bill" component={Link} to={`/billing/bills/${kase.billId}`} inherit>
          View bill
        </Anchor>
      ) : (
        'Created'
      ),
    ]);
  }
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          Procedure
        </Title>
        <FactsTable label="Procedure" rows={procedure} />
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          Schedule
        </Title>
        <FactsTable label="Schedule" rows={times} />
      </Card>
    </SimpleGrid>
  );
}

function CaseView({ kase }: { kase: SurgicalCase }) {
  const { can } = useAuth();
  return (
    <>
      <PageHeader
        title={
          <Group gap="sm" component="span">
            <span>{kase.caseNumber}</span>
            <StatusBadge status={kase.status} />
          </Group>
        }
      >
        <CaseActions kase={kase} />
        {kase.status === 'COMPLETED' && (
          // Every role that reads a case may print its implant cards (docs/theater.md).
          <PdfButton path={`/api/v1/surgical-cases/${kase.id}/implant-card`}>
            Implant card
          </PdfButton>
        )}
      </PageHeader>
      <Text mb="md" size="sm">
        <Anchor component={Link} to={`/theater?date=${todayIso(new Date(kase.scheduledStart))}`}>
          Back to the theater day
        </Anchor>
      </Text>
      <Stack gap="md">
        <CaseFacts kase={kase} />
        {kase.status === 'COMPLETED' && can('calendar.read') && (
          <PostOpScheduleSection caseId={kase.id} />
        )}
        {kase.status === 'SCHEDULED' && can('cases.perform') && <PickList kase={kase} />}
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Inventory used
          </Title>
          <UsageTable usages={kase.inventoryUsages} />
          {kase.status === 'IN_PROGRESS' && can('cases.perform') && <RecordUsageForm kase={kase} />}
        </Card>
      </Stack>
    </>
  );
}

/** `/cases/:id`: one surgical case, and what the day of surgery does with it. */
export function CasePage() {
  const { id = '' } = useParams();
  const query = useCase(id);
  if (query.data === undefined) {
    return (
      <>
        <PageHeader title="Surgical case" />
        <QueryState query={query}>{() => null}</QueryState>
      </>
    );
  }
  // Keyed by case, so a link to another case (from a schedule conflict) starts with fresh forms.
  return <CaseView key={query.data.id} kase={query.data} />;
}
