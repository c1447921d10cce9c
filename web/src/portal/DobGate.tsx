import { Button, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { attemptsLeft, portalCall } from './api';
import { ErrorNote } from './ErrorNote';
import { Frame } from './Frame';
import { knownClinic } from './credentials';
import type { Overview } from './types';
import { useFocusOnOpen } from './view';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "1990", "3", "14" → "1990-03-14", or null when that day does not exist. */
export function isoDateOfBirth(year: string, month: string, day: string): string | null {
  if (!/^\d{4}$/.test(year.trim()) || !/^\d{1,2}$/.test(day.trim()) || !/^\d{1,2}$/.test(month)) {
    return null;
  }
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return null;
  }
  if (y < 1900 || date.getTime() > Date.now()) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Nothing of the plan shows before the patient confirms their date of birth (three fields: a
 * phone's keypad for the numbers, the month by name). A wrong date says how many tries are left;
 * the last one locks the link.
 */
export function DobGate({
  onVerified,
  onLocked,
}: {
  onVerified: (dateOfBirth: string, overview: Overview) => void;
  onLocked: () => void;
}) {
  const heading = useFocusOnOpen<HTMLHeadingElement>();
  const [month, setMonth] = useState('');
  const [day, setDay] = useState('');
  const [year, setYear] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [wrong, setWrong] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const clinic = knownClinic();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const dob = isoDateOfBirth(year, month, day);
    if (dob === null) {
      setInvalid('Enter your date of birth: the month, the day and the year (4 digits).');
      return;
    }
    setInvalid(null);
    setBusy(true);
    try {
      const overview = await portalCall<Overview>('POST', '/verify', { dateOfBirth: dob }, dob);
      onVerified(dob, overview);
    } catch (e) {
      const left = attemptsLeft(e);
      if (left === 0) onLocked();
      else if (left !== null) setWrong(left);
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Frame clinic={clinic?.name ?? null} phone={clinic?.phone ?? null}>
      <Title order={1} ref={heading} tabIndex={-1}>
        Confirm it’s you
      </Title>
      <Text>
        This link opens your surgery plan. To protect your information, please enter your date of
        birth.
      </Text>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <Text component="legend" fw={600} mb="xs">
              Your date of birth
            </Text>
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <NativeSelect
                label="Month"
                value={month}
                onChange={(e) => setMonth(e.currentTarget.value)}
                data={[
                  { value: '', label: 'Month' },
                  ...MONTHS.map((name, i) => ({ value: String(i + 1), label: name })),
                ]}
                autoComplete="bday-month"
                style={{ flex: 3 }}
                size="md"
              />
              <TextInput
                label="Day"
                value={day}
                onChange={(e) => setDay(e.currentTarget.value)}
                inputMode="numeric"
                autoComplete="bday-day"
                maxLength={2}
                style={{ flex: 2 }}
                size="md"
              />
              <TextInput
                label="Year"
                value={year}
                onChange={(e) => setYear(e.currentTarget.value)}
                inputMode="numeric"
                autoComplete="bday-year"
                maxLength={4}
                style={{ flex: 2 }}
                size="md"
              />
            </Group>
          </fieldset>
          {invalid !== null && (
            <Text c="red.9" role="alert">
              {invalid}
            </Text>
          )}
          {wrong !== null && (
            <Text c="red.9" role="alert" data-testid="dob-mismatch">
              That date of birth does not match the clinic’s records.{' '}
              {wrong === 1
                ? 'You have 1 try left before this link is locked.'
                : `You have ${wrong} tries left before this link is locked.`}
            </Text>
          )}
          <ErrorNote error={error} />
          <Button type="submit" size="md" loading={busy}>
            Continue
          </Button>
        </Stack>
      </form>
    </Frame>
  );
}
