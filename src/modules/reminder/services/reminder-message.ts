import { createEvent } from 'ics';
import type { PostalAddress } from '../../../common/postal-address';

/** What a reminder says; read when it is sent, so it tells the visit as it is then. */
export interface ReminderFacts {
  appointmentId: string;
  /** Bumps on every change of the appointment (its version): the .ics SEQUENCE. */
  sequence: number;
  start: Date;
  end: Date;
  timeZone: string;
  clinic: { name: string; address: PostalAddress | null; phone: string | null };
  providerName: string;
  patientFirstName: string;
  whatToBring: string | null;
}

export interface ReminderEmail {
  subject: string;
  text: string;
  ics: string;
}

/** "Monday, March 9, 2026 at 10:00 AM EDT" in the clinic's zone. */
export function localDateTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    dateStyle: 'full',
    timeStyle: 'short',
  })
    .format(instant)
    .concat(' ', zoneAbbreviation(instant, timeZone));
}

function zoneAbbreviation(instant: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

export function addressLine(address: PostalAddress | null): string | null {
  if (!address) return null;
  return [address.line1, address.line2, `${address.city}, ${address.state} ${address.postalCode}`]
    .filter((part): part is string => Boolean(part))
    .join(', ');
}

/**
 * The reminder email. Its subject names the clinic and the local time only, never the
 * appointment's type or a procedure (a subject line shows on a lock screen); the body adds the
 * address, the provider, what to bring and how to cancel; the .ics holds the same with no
 * clinical word in its SUMMARY.
 */
export function reminderEmail(facts: ReminderFacts): ReminderEmail {
  const when = localDateTime(facts.start, facts.timeZone);
  const address = addressLine(facts.clinic.address);
  const subject = `Your appointment at ${facts.clinic.name} on ${when}`;
  const lines = [
    `Dear ${facts.patientFirstName},`,
    '',
    `This is a reminder of your appointment at ${facts.clinic.name}.`,
    '',
    `When: ${when} (${facts.timeZone})`,
    `Where: ${address ?? facts.clinic.name}`,
    `With: ${facts.providerName}`,
  ];
  if (facts.whatToBring) lines.push('', `Please bring: ${facts.whatToBring}`);
  lines.push(
    '',
    facts.clinic.phone
      ? `To cancel or change this appointment, call us at ${facts.clinic.phone}.`
      : `To cancel or change this appointment, call ${facts.clinic.name}.`,
    '',
    'The attached invitation adds the appointment to your calendar.',
  );
  return { subject, text: lines.join('\n'), ics: reminderIcs(facts, address) };
}

/** UID stable per appointment, SEQUENCE its version, times in UTC, no clinical words. */
export function reminderIcs(
  facts: ReminderFacts,
  address = addressLine(facts.clinic.address),
): string {
  const { error, value } = createEvent({
    productId: '-//Contour//Reminders//EN',
    method: 'PUBLISH',
    uid: `${facts.appointmentId}@contour`,
    sequence: facts.sequence,
    start: facts.start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: facts.end.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `Appointment at ${facts.clinic.name}`,
    description: `With ${facts.providerName}.${facts.whatToBring ? ` Please bring: ${facts.whatToBring}` : ''}`,
    ...(address ? { location: address } : {}),
    status: 'CONFIRMED',
  });
  if (error || !value) throw error ?? new Error('the calendar invitation could not be written');
  return value;
}
