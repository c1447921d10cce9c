import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { usePagedList } from '../../api/paged';
import { useSurgeons } from '../../api/queries';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/AuthProvider';
import { PagedRows } from '../../components/PagedRows';
import { formatDateTime } from '../../lib/format';
import { NewConsultationModal } from './NewConsultationModal';
import { SECTION_PAGE } from './queries';
import { Section } from './Section';

type Consultation = components['schemas']['ConsultationDto_Output'];

export function ConsultationsSection({ patientId }: { patientId: string }) {
  const { can } = useAuth();
  const [creating, { open, close }] = useDisclosure(false);
  const consultations = usePagedList({
    queryKey: ['consultations', 'list', { patientId }],
    page: (cursor) =>
      unwrap(
        api.GET('/api/v1/consultations', {
          params: { query: { patientId, limit: SECTION_PAGE, cursor } },
        }),
      ),
  });
  return (
    <Section
      title="Consultations"
      actions={
        can('consultations.write') && (
          <Button size="sm" onClick={open}>
            New consultation
          </Button>
        )
      }
    >
      <PagedRows
        query={consultations}
        empty="No consultations yet."
        loadMoreLabel="Load more consultations"
        loadMoreMt={0}
      >
        {(rows) => <ConsultationTable patientId={patientId} consultations={rows} />}
      </PagedRows>
      <NewConsultationModal patientId={patientId} opened={creating} onClose={close} />
    </Section>
  );
}

function ConsultationTable({
  patientId,
  consultations,
}: {
  patientId: string;
  consultations: readonly Consultation[];
}) {
  const { can } = useAuth();
  const surgeons = useSurgeons();
  const surgeonName = (id: string) => surgeons.data?.find((u) => u.id === id)?.name ?? '—';
  const planning = can('plans.write');
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Th>Surgeon</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Notes</Table.Th>
            {planning && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {consultations.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(c.consultationDate)}
              </Table.Td>
              <Table.Td>{surgeonName(c.surgeonId)}</Table.Td>
              <Table.Td>{c.reason}</Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2} title={c.notes ?? undefined}>
                  {c.notes ?? '—'}
                </Text>
              </Table.Td>
              {planning && (
                <Table.Td>
                  <Button
                    component={Link}
                    to={`/plans/new?patientId=${patientId}&consultationId=${c.id}`}
                    variant="light"
                    size="xs"
                  >
                    New plan
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
