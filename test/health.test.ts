import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Given } from './support/given';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('health', () => {
  it('answers live and ready without a token, echoing the request id', async () => {
    const live = await t.api.get('/health/live', { 'x-request-id': 'trace-123' });
    expect(live.status).toBe(200);
    expect(live.headers['x-request-id']).toBe('trace-123');
    const ready = await t.api.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
  });

  it('creates a patient end to end', async () => {
    const clinic = await new Given(t).clinicWithStaff();
    const p = await new Given(t).patient(clinic);
    expect(p.mrn).toBe('MRN-000001');
  });
});
