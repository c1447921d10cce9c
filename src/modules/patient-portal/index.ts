// The public file of the patient-portal module (docs/architecture.md "Module boundaries"). No
// module depends on it: it calls the others' services for the patient.
export * from './patient-portal.module';
