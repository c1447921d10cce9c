import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { patientQuery } from '../../api/queries';
import { formatDate, formatPatientName } from '../../lib/format';
import type { Patient } from './types';

function patientLabel(p: Patient): string {
  return `${formatPatientName(p)} · ${p.mrn} · born ${formatDate(p.dateOfBirth)}`;
}

/** A patient picked by searching the API (`GET /patients?search=`), name, MRN and birth date. */
export function PatientSelect({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (patientId: string | null) => void;
  error?: React.ReactNode;
}) {
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search.trim(), 250);
  const selected = useQuery({ ...patientQuery(value ?? ''), enabled: value !== null });
  const selectedLabel = selected.data === undefined ? undefined : patientLabel(selected.data);
  // Picking a patient puts its label in the search box: that is not a new search.
  const searching = term.length >= 2 && term !== selectedLabel;
  const results = useQuery({
    queryKey: ['patients', 'list', { search: term }],
    queryFn: () =>
      unwrap(api.GET('/api/v1/patients', { params: { query: { search: term, limit: 20 } } })),
    enabled: searching,
  });

  const options = new Map<string, string>();
  if (value !== null && selectedLabel !== undefined) options.set(value, selectedLabel);
  for (const p of results.data?.data ?? []) options.set(p.id, patientLabel(p));

  return (
    <Select
      label="Patient"
      placeholder="Search by name or MRN"
      searchable
      clearable
      clearButtonProps={{ 'aria-label': 'Clear patient' }}
      searchValue={search}
      onSearchChange={setSearch}
      value={value}
      onChange={onChange}
      data={[...options].map(([id, label]) => ({ value: id, label }))}
      filter={({ options: all }) => all}
      nothingFoundMessage={
        !searching
          ? 'Type at least 2 letters'
          : results.isFetching
            ? 'Searching…'
            : results.isError
              ? 'Could not search the patients'
              : 'No patient matches'
      }
      error={error ?? (selected.isError ? 'Could not load this patient' : undefined)}
    />
  );
}
