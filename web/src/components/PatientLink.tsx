import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { usePatient, type Patient } from '../api/queries';
import { formatPatientName } from '../lib/format';

/**
 * A patient as a link to the patient's page, by id: records that carry only `patientId` (bills,
 * cases, implants) read the patient, cached once per id as ['patients', id].
 */
export function PatientLink({
  id,
  label = formatPatientName,
  mrnBeside = false,
  fallback = 'Open patient',
  inherit = false,
}: {
  id: string;
  /** The link's text: the name, "Lopez, Maria", unless told otherwise. */
  label?: (patient: Patient) => string;
  /** The MRN after the link, dimmed. */
  mrnBeside?: boolean;
  /** The link's text when the patient cannot be read. */
  fallback?: string;
  /** Font size and weight of the text around it (a table cell, a fact). */
  inherit?: boolean;
}) {
  const query = usePatient(id);
  if (query.isPending) {
    return (
      <Text span c="dimmed" inherit={inherit}>
        Loading…
      </Text>
    );
  }
  const link = (
    <Anchor component={Link} to={`/patients/${id}`} inherit={inherit}>
      {query.isError ? fallback : label(query.data)}
    </Anchor>
  );
  if (!mrnBeside || query.isError) return link;
  return (
    <Group gap="xs" wrap="wrap">
      {link}
      <Text span c="dimmed" size="sm">
        {/^MRN/i.test(query.data.mrn) ? query.data.mrn : `MRN ${query.data.mrn}`}
      </Text>
    </Group>
  );
}
