import { randomBytes } from 'node:crypto';
import type { ClinicWithStaff } from './given';
import { expectStatus } from './given-theater';

/** A new active exam room. */
export async function examRoom(clinic: ClinicWithStaff, name?: string): Promise<any> {
  return expectStatus(
    'exam room',
    await clinic
      .as('ADMIN')
      .post('/exam-rooms', { name: name ?? `Exam ${randomBytes(3).toString('hex')}` }),
    201,
  );
}

/** An instant `minutes` from now (negative: in the past), as ISO 8601. */
export function minutesFromNow(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString();
}

/** `POST /appointments` as COORDINATOR, expecting 201. */
export async function bookAppointment(
  clinic: ClinicWithStaff,
  body: Record<string, unknown>,
): Promise<any> {
  return expectStatus('book', await clinic.as('COORDINATOR').post('/appointments', body), 201);
}
