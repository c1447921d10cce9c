import { Stack, Text } from '@mantine/core';
import { Fact } from '../../components/Fact';
import { formatDateTime } from '../../lib/format';
import type { Plan } from './types';

/**
 * A recorded approval: when, and the notes the staff member typed when recording it; or that the
 * patient approved it themselves, through their link (no notes then).
 */
export function ApprovalRecord({
  approvedAt,
  approvalNotes,
  approvedByPatient = false,
}: Pick<Plan, 'approvalNotes'> & { approvedAt: string; approvedByPatient?: boolean }) {
  if (approvedByPatient) {
    return (
      <Text size="sm" maw={640}>
        Approved by the patient through their link on {formatDateTime(approvedAt)}.
      </Text>
    );
  }
  return (
    <Stack gap="sm" maw={640}>
      <Text size="sm">The patient approved this plan on {formatDateTime(approvedAt)}.</Text>
      <Fact label="Approval notes">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {approvalNotes ?? '—'}
        </Text>
      </Fact>
    </Stack>
  );
}
