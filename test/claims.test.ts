import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Given, type ClinicWithStaff } from './support/given';
import { givenInsuredBill, givenSubmittedClaim, claimOf } from './support/given-claims';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  clinic = await given.clinicWithStaff('Claims Clinic');
});
afterAll(() => t.close());

describe('smoke', () => {
  it('makes and submits a reconstructive claim', async () => {
    const { bill } = await givenInsuredBill(clinic);
    console.log(JSON.stringify(bill.lineItems));
    const claim = await claimOf(clinic, bill.id);
    console.log(JSON.stringify(claim, null, 1));
    const sub = await givenSubmittedClaim(t, { clinic, kind: 'HYBRID' });
    console.log(sub.submission.x12.replaceAll('~', '~\n'));
    expect(sub.claim.status).toBe('SUBMITTED');
  });
});
