import { clinicTimeZone, isoDateAt } from './clinicTime';

/** Formatting for people: en-US, US dollars, the clinic's time zone for instants (clinicTime.ts). */
const LOCALE = 'en-US';

const money = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'USD' });
const date = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });

/** The instant formats of one zone, made once per zone. */
const instantFormats = new Map<
  string,
  { dateTime: Intl.DateTimeFormat; time: Intl.DateTimeFormat }
>();

function inClinicZone() {
  const timeZone = clinicTimeZone();
  let formats = instantFormats.get(timeZone);
  if (formats === undefined) {
    formats = {
      dateTime: new Intl.DateTimeFormat(LOCALE, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone,
      }),
      time: new Intl.DateTimeFormat(LOCALE, { timeStyle: 'short', timeZone }),
    };
    instantFormats.set(timeZone, formats);
  }
  return formats;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * "8000.00" → "$8,000.00". The API sends money as decimal strings; they are formatted as strings
 * (Intl takes them exactly), never through a float.
 */
export function formatMoney(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || !DECIMAL.test(amount)) return '—';
  return money.format(amount as `${number}`);
}

/** "2026-11-24" → "Nov 24, 2026": a calendar date, the same day in every time zone. */
export function formatDate(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const match = CALENDAR_DATE.exec(value.slice(0, 10));
  if (match === null) return '—';
  const [, y, m, d] = match;
  return date.format(new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))));
}

/** An instant in the clinic's time zone: "Nov 24, 2026, 9:30 AM". */
export function formatDateTime(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? '—' : inClinicZone().dateTime.format(instant);
}

/** The clock time of an instant in the clinic's time zone: "9:30 AM". */
export function formatTime(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? '—' : inClinicZone().time.format(instant);
}

/** A person's name as lists show it: "Lopez, Maria". */
export function formatPatientName(p: { firstName: string; lastName: string }): string {
  return `${p.lastName}, ${p.firstName}`;
}

/**
 * The clinic's calendar date at `now` (default: today), as the API writes dates: "2026-11-28".
 * Also the day an instant falls on there: `todayIso(new Date(c.scheduledStart))`.
 */
export function todayIso(now: Date = new Date()): string {
  return isoDateAt(now);
}
