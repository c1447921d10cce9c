import { Stack, Text } from '@mantine/core';
import { Fact } from '../../components/Fact';
import { formatDateTime } from '../../lib/format';
import type { Plan } from './types';

/** A recorded approval: when, and the notes the staff member typed when recording it. */
export function ApprovalRecord({
  approvedAt,
  approvalNotes,
}: Pick<Plan, 'approvalNotes'> & { approvedAt: string }) {
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
