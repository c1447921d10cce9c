import { Anchor, Button, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { usePagedList } from '../../api/paged';
import { useAuth } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { PagedRows } from '../../components/PagedRows';
import { formatDate, formatPatientName } from '../../lib/format';
import { sexLabel, type Patient } from './patientForm';

const PAGE = 25;

/** `/patients`: search by name, MRN, date of birth or phone, or every patient by name, a page at a time. */
export function PatientListPage() {
  const { can } = useAuth();
  // The search is kept in the address, so going back from a patient returns to the same results.
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(() => params.get('q') ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 300);

  const patients = usePagedList({
    queryKey: ['patients', 'list', { search: debounced }],
    page: (cursor) =>
      unwrap(
        api.GET('/api/v1/patients', {
          params: {
            query: { search: debounced === '' ? undefined : debounced, limit: PAGE, cursor },
          },
        }),
      ),
    keepPrevious: true,
  });

  const onSearch = (value: string) => {
    setText(value);
    setParams(value.trim() === '' ? {} : { q: value }, { replace: true });
  };

  const navigate = useNavigate();
  // Enter opens the one patient a search shows, so a phone number or birth date typed at the
  // desk goes straight to the chart. Only when the list answers what is typed now: not the
  // previous search's results kept on screen while the new one loads.
  const shown = patients.data ?? [];
  const single =
    text.trim() !== '' &&
    debounced === text.trim() &&
    !patients.isPlaceholderData &&
    !patients.hasNextPage &&
    shown.length === 1
      ? shown[0]
      : undefined;

  return (
    <>
      <PageHeader title="Patients">
        {can('patients.write') && (
          <Button component={Link} to="/patients/new">
            New patient
          </Button>
        )}
      </PageHeader>
      <Stack>
        <TextInput
          label="Search patients"
          description="Name, MRN, date of birth or phone; Enter opens a single match"
          type="search"
          maxLength={100}
          maw={420}
          value={text}
          onChange={(e) => onSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && single) void navigate(`/patients/${single.id}`);
          }}
        />
        <PagedRows
          query={patients}
          empty={debounced === '' ? 'No patients yet.' : `No patients match “${debounced}”.`}
          loadMoreMt={0}
        >
          {(rows) => <PatientTable patients={rows} />}
        </PagedRows>
      </Stack>
    </>
  );
}

function PatientTable({ patients }: { patients: readonly Patient[] }) {
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>MRN</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Date of birth</Table.Th>
            <Table.Th>Sex</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {patients.map((p) => (
            <Table.Tr
              key={p.id}
              style={{ cursor: 'pointer' }}
              // The name is the keyboard's way in; a click anywhere on the row does the same.
              onClick={() => void navigate(`/patients/${p.id}`)}
            >
              <Table.Td>
                <Text ff="monospace" size="sm">
                  {p.mrn}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/patients/${p.id}`}
                  onClick={(e) => e.stopPropagation()}
                >
                  {formatPatientName(p)}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDate(p.dateOfBirth)}</Table.Td>
              <Table.Td>{sexLabel(p.sexAtBirth)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
