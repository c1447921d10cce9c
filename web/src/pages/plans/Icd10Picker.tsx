import { Combobox, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/problem';
import { CodeList, CodeOption, CodePicker } from './CodePicker';
import type { Icd10Entry } from './types';

/** The FY2026 code set never changes while the app runs: a code's entry is fetched once. */
function icd10Query(code: string) {
  return {
    queryKey: ['icd10cm', code],
    queryFn: () => unwrap(api.GET('/api/v1/codes/icd10cm/{code}', { params: { path: { code } } })),
    staleTime: Infinity,
  };
}

/**
 * Diagnosis codes picked from the ICD-10-CM code set: type a code or words, the API searches
 * (debounced, billable codes only), pick one; each picked code shows with its description.
 */
export function Icd10Picker({
  label,
  value,
  onChange,
  error,
  description,
}: {
  label: string;
  value: readonly string[];
  onChange: (codes: string[]) => void;
  error?: React.ReactNode;
  description?: React.ReactNode;
}) {
  const queryClient = useQueryClient();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search.trim(), 250);
  const results = useQuery({
    queryKey: ['icd10cm', 'search', term],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/codes/icd10cm', {
          params: { query: { search: term, billableOnly: 'true', limit: 20 } },
        }),
      ),
    enabled: term.length >= 2,
    staleTime: Infinity,
  });

  const add = (code: string) => {
    const entry = results.data?.data.find((e) => e.code === code);
    if (entry !== undefined) queryClient.setQueryData(['icd10cm', code], entry);
    if (!value.includes(code)) onChange([...value, code]);
    setSearch('');
    combobox.closeDropdown();
  };
  const remove = (code: string) => onChange(value.filter((c) => c !== code));

  const entries = results.data?.data ?? [];
  return (
    <CodePicker
      combobox={combobox}
      label={label}
      description={description}
      error={error}
      value={value}
      onRemove={remove}
      onPick={add}
      search={search}
      onSearch={setSearch}
      placeholder="Search by code or words"
      optionsLabel="ICD-10-CM matches"
      optionsHidden={search.trim().length < 2}
      options={
        results.isError ? (
          <Combobox.Empty>{describeError(results.error)}</Combobox.Empty>
        ) : entries.length === 0 ? (
          <Combobox.Empty>
            {results.isFetching || term !== search.trim()
              ? 'Searching…'
              : 'No billable code matches'}
          </Combobox.Empty>
        ) : (
          entries.map((entry) => (
            <CodeOption
              key={entry.code}
              code={entry.code}
              description={entry.description}
              disabled={value.includes(entry.code)}
            />
          ))
        )
      }
      list={<DiagnosisList codes={value} mt={4} />}
    />
  );
}

/** Diagnosis codes with their descriptions (one cached look-up per code). */
export function DiagnosisList({ codes, mt }: { codes: readonly string[]; mt?: number | string }) {
  const entries = useIcd10Entries(codes);
  return <CodeList codes={codes} entries={entries} missing="(no description found)" mt={mt} />;
}

/** Per code: its entry, null when the API has none, undefined while loading. */
function useIcd10Entries(codes: readonly string[]): (Icd10Entry | null | undefined)[] {
  const results = useQueries({ queries: codes.map((code) => icd10Query(code)) });
  return results.map((r) => (r.isError ? null : r.data));
}
