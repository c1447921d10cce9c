import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { Problem } from './common/errors/problem.dto';
import { withOpenApi30Schemas } from './common/http/openapi';
import { describeOperations, operationIdOf, routeFacts } from './common/http/openapi-operations';

/** The controllers' `@ApiTags`, each described once; a tag missing here fails the OpenAPI linters. */
const TAGS: Record<string, string> = {
  auth: 'Signing in (bearer token or web session), the signed-in user, changing one’s password',
  users: 'Staff accounts and their roles',
  clinic: 'The clinic (tenant) the caller belongs to, and its billing profile for claims',
  patients: 'Patients: registration, demographics, insurance, search',
  consultations: 'Consultations of a patient with a surgeon',
  'procedure-plans':
    'Procedure plans: codes, inventory requirements, quote, approval, cancellation, pre-allocation, readiness',
  quotes: 'Quotes of a plan, and their PDF',
  'payment-plans': "Installments for the patient's portion of an accepted quote",
  consents: 'Consent templates, and the consent instance of each plan with its signature',
  'fda-checklist':
    "The FDA breast implant Patient Decision Checklist: the clinic's versions, and each breast-implant plan's checklist with the patient's initials and the surgeon's attestation",
  'prior-authorizations': "Payers' prior authorizations of a plan's insured codes",
  'fee-schedule': "The clinic's CPT codes and fees",
  payers: 'The insurers the clinic bills, as its clearinghouse names them',
  codes: 'The ICD-10-CM code set, for picking diagnoses',
  inventory:
    'The catalog, stock (lots, serial units, UDI receiving), holds, recalls and traceability',
  theater: 'Operating rooms, surgical cases, the day of surgery',
  calendar:
    'Exam rooms, appointments and their history, working hours and time off, free slots, the post-op schedule',
  reminders: "Appointment reminders: the clinic's offsets, and each appointment's reminders",
  reports:
    'The practice reports: conversion, theater utilisation, surgeon productivity, A/R aging, quotes, implants (JSON or CSV)',
  bills: 'Bills made from completed cases, their payments and statements',
  remittances: "Payers' 835 remittances, posted to claims and bills",
  claims: 'Insurance claims of bills: 837P claims, their statuses and submissions',
  'patient-links': 'Links that give a patient their own door to one plan (sent by email or copied)',
  'patient-portal':
    "The patient's side, through a patient link: the quote, the consent and checklist, approval, payment plan, implant card",
  audit: 'The audit trail (who did what, and who read patient data)',
  health: 'Liveness and readiness probes (outside /api/v1)',
};

/**
 * The OpenAPI document of the app, served at /api/openapi.json: what SwaggerModule reads from the
 * controllers and zod DTOs, in OpenAPI 3.0 form, with each operation completed from its route's
 * metadata (roles, security, headers, error answers; `describeOperations`).
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Contour API')
    .setDescription(
      'The back office of an aesthetic and plastic-surgery practice. Errors are application/problem+json.',
    )
    .setVersion('1')
    // package.json says UNLICENSED: the software is the practice's own, licensed to no one.
    .setLicense(
      'Proprietary (UNLICENSED)',
      'https://docs.npmjs.com/cli/configuring-npm/package-json#license',
    )
    // Paths carry their full prefix (/api/v1, /health), so the server is the host's root.
    .addServer('/', 'The server that serves this document')
    .addBearerAuth()
    .addCookieAuth(
      'contour_session',
      {
        type: 'apiKey',
        in: 'cookie',
        name: 'contour_session',
        description:
          "The web app's session (POST /api/v1/auth/session); every write also needs the X-CSRF-Token header",
      },
      'session',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description:
          "A patient link's token (the part after /p/ of the link), with the patient's date of birth",
      },
      'patientLink',
    )
    .addSecurityRequirements('bearer');
  for (const [name, description] of Object.entries(TAGS)) config.addTag(name, description);
  const document = SwaggerModule.createDocument(app, config.build(), {
    extraModels: [Problem],
    operationIdFactory: (controllerName, methodName) => operationIdOf(controllerName, methodName),
  });
  return describeOperations(cleanupOpenApiDoc(withOpenApi30Schemas(document)), routeFacts(app));
}
