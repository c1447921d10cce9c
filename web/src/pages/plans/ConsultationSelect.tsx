import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../../auth/AuthProvider';
import { formatDateTime } from '../../lib/format';
import { consultationsQuery } from './queries';

/** The consultation the plan comes from, among the patient's (optional). */
export function ConsultationSelect({
  patientId,
  value,
  onChange,
  error,
}: {
  patientId: string | null;
  value: string | null;
  onChange: (consultationId: string | null) => void;
  error?: React.ReactNode;
}) {
  const { can } = useAuth();
  const enabled = patientId !== null && can('consultations.read');
  const consultations = useQuery({ ...consultationsQuery(patientId ?? ''), enabled });
  const data = (consultations.data?.data ?? []).map((c) => ({
    value: c.id,
    label: `${formatDateTime(c.consultationDate)} · ${c.reason}`,
  }));
  return (
    <Select
      label="Consultation"
      placeholder={patientId === null ? 'Choose the patient first' : 'None'}
      clearable
      clearButtonProps={{ 'aria-label': 'Clear consultation' }}
      disabled={!enabled}
      value={value}
      onChange={onChange}
      data={data}
      nothingFoundMessage="This patient has no consultations"
      error={error ?? (consultations.isError ? 'Could not load the consultations' : undefined)}
    />
  );
}
