import { MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { CptPicker } from './CptPicker';
import { Icd10Picker } from './Icd10Picker';
import { allCptCodes, type PlanFormValues } from './planForm';
import { PROCEDURE_TYPES, titleCase, type ProcedureType } from './types';

const TYPE_OPTIONS = PROCEDURE_TYPES.map((t) => ({ value: t, label: titleCase(t) }));

/** The clinical fields a plan is created and edited with (the new-plan page and "Edit"). */
export function PlanFields({ form }: { form: UseFormReturnType<PlanFormValues> }) {
  const values = form.getValues();
  const type = values.procedureType;
  return (
    <Stack gap="sm">
      <TextInput label="Procedure name" withAsterisk {...form.getInputProps('procedureName')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Procedure type"
          withAsterisk
          data={TYPE_OPTIONS}
          allowDeselect={false}
          {...form.getInputProps('procedureType')}
          onChange={(v: string | null) =>
            form.setFieldValue('procedureType', v as ProcedureType | null)
          }
        />
      </SimpleGrid>
      {/* Both pick from the fee schedule by code or procedure name (a modifier is typed, e.g. 19325-50). */}
      <CptPicker
        label="Primary CPT code"
        withAsterisk
        max={1}
        value={values.primaryCPTCode === '' ? [] : [values.primaryCPTCode]}
        onChange={(codes) => form.setFieldValue('primaryCPTCode', codes[0] ?? '')}
        error={form.errors.primaryCPTCode}
      />
      <CptPicker
        label="CPT codes"
        description="Other codes of the procedure; the primary code is included."
        value={values.cptCodes}
        onChange={(codes) => form.setFieldValue('cptCodes', codes)}
        error={form.errors.cptCodes}
      />
      {type === 'HYBRID' && (
        <MultiSelect
          label="Insurance CPT codes"
          description="The codes insurance pays for; the patient pays the others."
          withAsterisk
          data={allCptCodes(values)}
          {...form.getInputProps('insuranceCptCodes')}
        />
      )}
      <Icd10Picker
        label="Diagnosis codes"
        description={
          type === null || type === 'COSMETIC'
            ? 'ICD-10-CM, optional for a cosmetic plan.'
            : 'ICD-10-CM: an insured plan needs at least one.'
        }
        value={values.diagnosisCodes}
        onChange={(codes) => form.setFieldValue('diagnosisCodes', codes)}
        error={form.errors.diagnosisCodes}
      />
      <Textarea label="Notes" autosize minRows={2} maxRows={8} {...form.getInputProps('notes')} />
    </Stack>
  );
}
