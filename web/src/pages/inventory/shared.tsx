import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { usePlan } from '../../api/queries';
import { formatDate, todayIso } from '../../lib/format';
import { expiryStatus } from './lib';

/** For cells that must not break: batch and serial numbers, dates, MRNs. */
export const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** A lot's expiry date, flagged when it is past or within the next 30 days. */
export function ExpiryDate({ expiresAt }: { expiresAt: string | null }) {
  const status = expiryStatus(expiresAt, todayIso());
  if (status === 'none') {
    return (
      <Text span fz="inherit">
        No expiry
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Text
        span
        fz="inherit"
        style={NOWRAP}
        c={status === 'expired' ? 'red.9' : undefined}
        fw={status === 'ok' ? 400 : 600}
      >
        {formatDate(expiresAt)}
      </Text>
      {status === 'expired' && (
        <Badge color="red.9" style={{ flexShrink: 0 }}>
          Expired
        </Badge>
      )}
      {status === 'soon' && (
        <Badge color="yellow.4" autoContrast style={{ flexShrink: 0 }}>
          Expires soon
        </Badge>
      )}
    </Group>
  );
}

export function YesNo({ value }: { value: boolean }) {
  return (
    <Text span fz="inherit">
      {value ? 'Yes' : 'No'}
    </Text>
  );
}

/** A plan as a link showing its number (PLAN-2026-001). */
export function PlanLink({ id }: { id: string }) {
  const query = usePlan(id);
  return (
    <Anchor fz="inherit" component={Link} to={`/plans/${id}`}>
      {query.data?.planNumber ?? 'Open plan'}
    </Anchor>
  );
}
