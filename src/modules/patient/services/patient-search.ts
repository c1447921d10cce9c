/**
 * What a `GET /patients?search=` asks for, read from its shape (docs/api.md): a date of birth
 * (`1985-03-14` or the US `03/14/1985`), a phone number (7 or more digits, written with any of
 * spaces, dashes, parentheses, dots and a leading `+`), or else words of the name or MRN.
 */
export type PatientSearch =
  | { kind: 'dateOfBirth'; date: string }
  | { kind: 'phone'; digits: string }
  | { kind: 'words'; words: readonly string[] };

/** Fewer digits than a phone number has: short numbers stay words (part of an MRN). */
const PHONE_MIN_DIGITS = 7;
const MAX_WORDS = 5;

export function patientSearchOf(search: string): PatientSearch {
  const text = search.trim();
  const date = isoDateOf(text);
  if (date) return { kind: 'dateOfBirth', date };
  if (/^\+?[\d\s().-]+$/.test(text)) {
    const digits = text.replace(/\D/g, '');
    if (digits.length >= PHONE_MIN_DIGITS) return { kind: 'phone', digits };
  }
  return {
    kind: 'words',
    words: text.toLowerCase().split(/\s+/).filter(Boolean).slice(0, MAX_WORDS),
  };
}

/** `YYYY-MM-DD` or `MM/DD/YYYY` naming a real day; an impossible one stays words (no match). */
function isoDateOf(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : us
      ? [us[3], us[1], us[2]]
      : [undefined, undefined, undefined];
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  // Date.parse rolls 1985-02-30 over to March; a real day survives the round trip.
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date)
    ? date
    : undefined;
}
