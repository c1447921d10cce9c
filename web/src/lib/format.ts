/** Formatting for people: en-US, US dollars, the browser's own time zone for instants. */
const LOCALE = 'en-US';

const money = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'USD' });
const date = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat(LOCALE, { timeStyle: 'short' });

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

/** An instant in the browser's time zone: "Nov 24, 2026, 9:30 AM". */
export function formatDateTime(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? '—' : dateTime.format(instant);
}

/** The clock time of an instant in the browser's time zone: "9:30 AM". */
export function formatTime(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? '—' : time.format(instant);
}

/** A person's name as lists show it: "Lopez, Maria". */
export function formatPatientName(p: { firstName: string; lastName: string }): string {
  return `${p.lastName}, ${p.firstName}`;
}

/** Today's calendar date where the browser is, as the API writes dates: "2026-11-28". */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
