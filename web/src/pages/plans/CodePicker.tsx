import { Combobox, List, Pill, PillsInput, Text, type ComboboxStore } from '@mantine/core';
import type { KeyboardEvent, ReactNode } from 'react';

/**
 * What the CPT and ICD-10 pickers share: the picked codes as pills (each with a named remove
 * button; Backspace in an empty field removes the last), the search field that opens the
 * options, and the picked codes listed with their descriptions underneath.
 */
export function CodePicker({
  combobox,
  label,
  description,
  error,
  withAsterisk,
  value,
  onRemove,
  onPick,
  search,
  onSearch,
  placeholder,
  onKeyDown,
  optionsLabel,
  optionsHidden,
  options,
  list,
}: {
  combobox: ComboboxStore;
  label: string;
  description?: ReactNode;
  error?: ReactNode;
  withAsterisk?: boolean;
  value: readonly string[];
  onRemove: (code: string) => void;
  onPick: (code: string) => void;
  search: string;
  onSearch: (text: string) => void;
  placeholder: string | undefined;
  /** Keys of the picker's own, after Backspace (Enter on a typed code). */
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
  /** The options list's name: "Fee schedule matches". */
  optionsLabel: string;
  optionsHidden?: boolean;
  options: ReactNode;
  /** The picked codes with their descriptions. */
  list: ReactNode;
}) {
  return (
    <div>
      <Combobox store={combobox} onOptionSubmit={onPick}>
        <Combobox.DropdownTarget>
          <PillsInput
            label={label}
            description={description}
            error={error}
            withAsterisk={withAsterisk}
            onClick={() => combobox.openDropdown()}
          >
            <Pill.Group>
              {value.map((code) => (
                <Pill
                  key={code}
                  withRemoveButton
                  onRemove={() => onRemove(code)}
                  removeButtonProps={{
                    'aria-label': `Remove ${code}`,
                    'aria-hidden': false,
                    tabIndex: 0,
                  }}
                >
                  {code}
                </Pill>
              ))}
              <Combobox.EventsTarget>
                <PillsInput.Field
                  value={search}
                  placeholder={placeholder}
                  onFocus={() => combobox.openDropdown()}
                  onBlur={() => combobox.closeDropdown()}
                  onChange={(event) => {
                    onSearch(event.currentTarget.value);
                    combobox.openDropdown();
                    combobox.updateSelectedOptionIndex();
                  }}
                  onKeyDown={(event) => {
                    const last = value[value.length - 1];
                    if (event.key === 'Backspace' && search === '' && last !== undefined) {
                      event.preventDefault();
                      onRemove(last);
                    }
                    onKeyDown?.(event);
                  }}
                />
              </Combobox.EventsTarget>
            </Pill.Group>
          </PillsInput>
        </Combobox.DropdownTarget>
        <Combobox.Dropdown hidden={optionsHidden}>
          <Combobox.Options mah={280} style={{ overflowY: 'auto' }} aria-label={optionsLabel}>
            {options}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      {list}
    </div>
  );
}

/** One option: the code in bold, then its description. */
export function CodeOption({
  code,
  description,
  disabled,
}: {
  code: string;
  description: string;
  disabled: boolean;
}) {
  return (
    <Combobox.Option value={code} disabled={disabled}>
      <Text span fw={600} size="sm">
        {code}
      </Text>{' '}
      <Text span size="sm">
        {description}
      </Text>
    </Combobox.Option>
  );
}

/**
 * Codes with their descriptions, as looked up per code: `undefined` while loading, `null` when
 * the code set has none (then `missing` says so).
 */
export function CodeList({
  codes,
  entries,
  missing,
  mt,
}: {
  codes: readonly string[];
  entries: readonly ({ description: string } | null | undefined)[];
  missing: string;
  mt?: number | string;
}) {
  if (codes.length === 0) return null;
  return (
    <List size="sm" mt={mt} spacing={2} listStyleType="none">
      {codes.map((code, i) => {
        const entry = entries[i];
        return (
          <List.Item key={code}>
            <Text span fw={600} size="sm">
              {code}
            </Text>{' '}
            <Text span size="sm" c="dimmed">
              {entry === undefined ? '' : entry === null ? missing : entry.description}
            </Text>
          </List.Item>
        );
      })}
    </List>
  );
}
