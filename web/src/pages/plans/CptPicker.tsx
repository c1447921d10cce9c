import { Combobox, Text, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError, describeError } from '../../api/problem';
import type { components } from '../../api/schema';
import { CodeList, CodeOption, CodePicker } from './CodePicker';
import { isCptCode, normalizeCpt } from './planForm';

type FeeEntry = components['schemas']['FeeScheduleEntryDto_Output'];

/** "19325-50" → "19325": the fee schedule prices base codes; modifiers ride on them. */
export function baseCpt(code: string): string {
  return code.slice(0, 5);
}

/** A base code's fee-schedule entry, fetched once a session (null: the clinic has none). */
function feeEntryQuery(code: string) {
  return {
    queryKey: ['fee-schedule', 'entry', code],
    queryFn: async (): Promise<FeeEntry | null> => {
      try {
        return await unwrap(
          api.GET('/api/v1/fee-schedule/{cptCode}', { params: { path: { cptCode: code } } }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  };
}

/**
 * CPT codes picked from the clinic's fee schedule, like the ICD-10 picker: type a code or the
 * procedure's name, pick an entry; each picked code shows with its procedure name. A code with
 * modifiers (`19325-50`) or one the fee schedule lacks can still be typed and added with Enter
 * (the quote then names what has no fee). `max={1}` picks one code: a new pick replaces it.
 */
export function CptPicker({
  label,
  value,
  onChange,
  error,
  description,
  withAsterisk,
  max,
}: {
  label: string;
  value: readonly string[];
  onChange: (codes: string[]) => void;
  error?: React.ReactNode;
  description?: React.ReactNode;
  withAsterisk?: boolean;
  max?: number;
}) {
  const queryClient = useQueryClient();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search.trim(), 200);
  const results = useQuery({
    queryKey: ['fee-schedule', 'search', term],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/fee-schedule', {
          params: { query: term === '' ? { limit: 20 } : { search: term, limit: 20 } },
        }),
      ),
    staleTime: 60_000,
  });

  const typed = normalizeCpt(search);
  const entries = results.data?.data ?? [];
  // A well-formed code the list does not offer as it is (a modifier, or not in the schedule).
  const offerTyped = isCptCode(typed) && !entries.some((e) => e.cptCode === typed);

  const add = (code: string) => {
    const entry = entries.find((e) => e.cptCode === code);
    if (entry !== undefined) queryClient.setQueryData(['fee-schedule', 'entry', code], entry);
    if (!value.includes(code)) {
      onChange(
        max !== undefined && value.length >= max
          ? [...value.slice(0, max - 1), code]
          : [...value, code],
      );
    }
    setSearch('');
    combobox.closeDropdown();
  };
  const remove = (code: string) => onChange(value.filter((c) => c !== code));

  return (
    <CodePicker
      combobox={combobox}
      label={label}
      description={description}
      error={error}
      withAsterisk={withAsterisk}
      value={value}
      onRemove={remove}
      onPick={add}
      search={search}
      onSearch={setSearch}
      placeholder={value.length === 0 ? 'Search by code or procedure name' : undefined}
      onKeyDown={(event) => {
        // Enter with nothing highlighted adds a typed code, e.g. 19325-50.
        if (event.key === 'Enter' && combobox.getSelectedOptionIndex() < 0) {
          event.preventDefault();
          if (isCptCode(typed)) add(typed);
        }
      }}
      optionsLabel="Fee schedule matches"
      options={
        <>
          {offerTyped && (
            <Combobox.Option value={typed} disabled={value.includes(typed)}>
              <Text span size="sm">
                Use{' '}
                <Text span fw={600} inherit>
                  {typed}
                </Text>
              </Text>
            </Combobox.Option>
          )}
          {results.isError ? (
            <Combobox.Empty>{describeError(results.error)}</Combobox.Empty>
          ) : entries.length === 0 && !offerTyped ? (
            <Combobox.Empty>
              {results.isFetching || term !== search.trim()
                ? 'Searching…'
                : term === ''
                  ? 'The fee schedule is empty: add fees in Settings'
                  : 'No fee-schedule code matches'}
            </Combobox.Empty>
          ) : (
            entries.map((entry) => (
              <CodeOption
                key={entry.cptCode}
                code={entry.cptCode}
                description={entry.description}
                disabled={value.includes(entry.cptCode)}
              />
            ))
          )}
        </>
      }
      list={<CptList codes={value} mt={4} />}
    />
  );
}

/** CPT codes with their procedure names from the fee schedule (one cached look-up per code). */
export function CptList({ codes, mt }: { codes: readonly string[]; mt?: number | string }) {
  const entries = useQueries({
    queries: codes.map((code) => feeEntryQuery(baseCpt(code))),
  }).map((r) => (r.isError ? null : r.data));
  return <CodeList codes={codes} entries={entries} missing="(not in the fee schedule)" mt={mt} />;
}
