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

const percent = new Intl.NumberFormat(LOCALE, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const count = new Intl.NumberFormat(LOCALE);
const month = new Intl.DateTimeFormat(LOCALE, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const MONTH = /^(\d{4})-(\d{2})$/;

/** A ratio the API gives with four decimals (0.4286) as a percentage: "42.9%"; null is "—". */
export function formatPercent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : percent.format(ratio);
}

/** A count or a one-decimal figure with thousands separators: "1,234", "12.5"; null is "—". */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : count.format(value);
}

/** "2026-11" → "Nov 2026": a calendar month, the same in every time zone. */
export function formatMonth(value: string): string {
  const match = MONTH.exec(value);
  if (match === null) return value;
  return month.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}

/** Minutes as hours and minutes: 1234 → "20 h 34 min", 45 → "45 min"; null is "—". */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  const sign = minutes < 0 ? '-' : '';
  const whole = Math.round(Math.abs(minutes));
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0) return `${sign}${m} min`;
  return `${sign}${count.format(h)} h${m === 0 ? '' : ` ${m} min`}`;
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
