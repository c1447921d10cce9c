import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the OpenAPI document', () => {
  it('is generated from the zod DTOs, request and response sides', async () => {
    const res = await t.api.get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    const create = doc.paths['/api/v1/patients'].post;
    const schemaOf = (ref: string) =>
      doc.components.schemas[ref.replace('#/components/schemas/', '')];
    const request = schemaOf(create.requestBody.content['application/json'].schema.$ref);
    expect(Object.keys(request.properties)).toEqual(
      expect.arrayContaining(['firstName', 'lastName', 'dateOfBirth', 'sexAtBirth', 'insurance']),
    );
    expect(request.required).toEqual(expect.arrayContaining(['firstName', 'lastName']));
    const response = schemaOf(create.responses['201'].content['application/json'].schema.$ref);
    expect(Object.keys(response.properties)).toEqual(
      expect.arrayContaining(['id', 'mrn', 'version']),
    );
    expect(doc.paths['/api/v1/auth/login'].post).toBeDefined();
    expect(doc.paths['/api/v1/audit-events'].get).toBeDefined();
    expect(doc.components.securitySchemes.bearer).toBeDefined();
    // Nothing of the password hash leaks into the documented user shape.
    expect(JSON.stringify(doc)).not.toMatch(/passwordHash/);
  });

  it('writes a nullable type the OpenAPI 3.0 way, never as a list of types', async () => {
    const doc = (await t.api.get('/api/openapi.json')).body;
    const listTypes: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      if (Array.isArray((node as { type?: unknown }).type)) listTypes.push(path);
      for (const [key, value] of Object.entries(node)) visit(value, `${path}/${key}`);
    };
    visit(doc, '');
    expect(listTypes).toEqual([]);
    const plan = doc.components.schemas.ProcedurePlanDto_Output.properties;
    expect(plan.approvedAt).toEqual({ type: 'string', nullable: true });
    expect(plan.notes).toEqual({ type: 'string', nullable: true });
    expect(plan.cptCodes).toEqual({ type: 'array', items: { type: 'string' } });
    expect(doc.components.schemas.PatientPageDto_Output.properties.nextCursor).toMatchObject({
      type: 'string',
      nullable: true,
    });
  });

  it('has a browsable UI', async () => {
    const res = await t.api.get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/swagger-ui/i);
  });
});
