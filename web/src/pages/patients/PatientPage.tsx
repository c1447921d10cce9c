import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import { usePatient } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { formatDate, todayIso } from '../../lib/format';
import { PatientAppointmentsSection } from '../calendar/sections/PatientAppointmentsSection';
import { BillsSection } from './BillsSection';
import { ClaimInsuranceSection } from './ClaimInsuranceSection';
import { ConsultationsSection } from './ConsultationsSection';
import { EditPatientModal } from './EditPatientModal';
import { ImplantsSection } from './ImplantsSection';
import { ageOn, sexLabel, type Patient, addressLine } from './patientForm';
import { PlansSection } from './PlansSection';
import { Facts } from './Section';

/** `/patients/:id`: who the patient is, then what the practice has done for them. */
export function PatientPage() {
  const { id = '' } = useParams();
  const patient = usePatient(id);
  return (
    <>
      <Anchor component={Link} to="/patients" size="sm">
        ← Patients
      </Anchor>
      <QueryState query={patient}>{(p) => <PatientDetails patient={p} />}</QueryState>
    </>
  );
}

function PatientDetails({ patient }: { patient: Patient }) {
  const { can } = useAuth();
  const [editing, { open, close }] = useDisclosure(false);
  return (
    <Stack>
      <PageHeader
        title={
          <Group gap="sm" component="span" wrap="wrap">
            {patient.firstName} {patient.lastName}
            <Badge variant="outline" color="gray" size="lg" ff="monospace">
              {patient.mrn}
            </Badge>
          </Group>
        }
      >
        {can('patients.write') && <Button onClick={open}>Edit</Button>}
      </PageHeader>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Demographics patient={patient} />
        <ClaimInsuranceSection patientId={patient.id} note={patient.insurance} />
      </SimpleGrid>
      {can('calendar.read') && <PatientAppointmentsSection patientId={patient.id} />}
      {can('consultations.read') && <ConsultationsSection patientId={patient.id} />}
      {can('plans.read') && <PlansSection patientId={patient.id} />}
      {can('cases.read') && <ImplantsSection patientId={patient.id} />}
      {can('bills.read') && <BillsSection patientId={patient.id} />}
      <EditPatientModal patient={patient} opened={editing} onClose={close} />
    </Stack>
  );
}

function Demographics({ patient }: { patient: Patient }) {
  const age = ageOn(patient.dateOfBirth, todayIso());
  return (
    <Card withBorder component="section" aria-label="Demographics">
      <Title order={2} size="h4" mb="xs">
        Demographics
      </Title>
      <Facts
        rows={[
          ['MRN', patient.mrn],
          [
            'Date of birth',
            `${formatDate(patient.dateOfBirth)}${age === null ? '' : ` (${age} years)`}`,
          ],
          ['Sex at birth', sexLabel(patient.sexAtBirth)],
          ['Email', patient.email ?? '—'],
          ['Phone', patient.phone ?? '—'],
          ['Address', addressLine(patient.address) ?? '—'],
        ]}
      />
    </Card>
  );
}
