import { Anchor, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formatPatientName } from '../../lib/format';

/** One patient, under the key the patients area uses too, so the cache is shared. */
export function patientQuery(id: string) {
  return {
    queryKey: ['patients', id],
    queryFn: () => unwrap(api.GET('/api/v1/patients/{id}', { params: { path: { id } } })),
  };
}

/**
 * A patient's name as a link to the patient. Bills and payment plans carry only the patient's
 * id, so each row reads the patient (cached per id).
 */
export function PatientLink({ id, withMrn = false }: { id: string; withMrn?: boolean }) {
  const query = useQuery(patientQuery(id));
  if (query.isPending)
    return (
      <Text span c="dimmed">
        Loading…
      </Text>
    );
  if (query.isError) {
    return (
      <Anchor component={Link} to={`/patients/${id}`}>
        Patient (name unavailable)
      </Anchor>
    );
  }
  return (
    <Anchor component={Link} to={`/patients/${id}`}>
      {formatPatientName(query.data)}
      {withMrn && ` · ${query.data.mrn}`}
    </Anchor>
  );
}

/** The staff directory (every role may read it), to name who recorded a payment. */
export function useStaffNames(): ReadonlyMap<string, string> {
  const query = useQuery({
    queryKey: ['users', 'list', { limit: 100 }],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { limit: 100 } } })),
  });
  return new Map((query.data?.data ?? []).map((u) => [u.id, u.name]));
}

/** The surgical case a bill is for, by its number and procedure (every billing role reads cases). */
export function CaseLink({ id }: { id: string }) {
  const query = useQuery({
    queryKey: ['surgical-cases', id],
    queryFn: () => unwrap(api.GET('/api/v1/surgical-cases/{id}', { params: { path: { id } } })),
  });
  return (
    <Anchor component={Link} to={`/cases/${id}`}>
      {query.data === undefined
        ? 'Open case'
        : `${query.data.caseNumber} · ${query.data.procedureName}`}
    </Anchor>
  );
}
