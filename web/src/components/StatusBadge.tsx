import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = {
  DRAFT: 'gray',
  QUOTED: 'blue',
  APPROVED: 'teal',
  SCHEDULED: 'indigo',
  IN_PROGRESS: 'orange',
  COMPLETED: 'green',
  CANCELLED: 'red',
  OPEN: 'blue',
  PAID: 'green',
  VOID: 'red',
  ISSUED: 'blue',
  ACCEPTED: 'green',
  SUPERSEDED: 'gray',
  EXPIRED: 'gray',
  PENDING: 'yellow',
  SIGNED: 'green',
  REVOKED: 'red',
  SUBMITTED: 'blue',
  DENIED: 'red',
  AVAILABLE: 'green',
  RESERVED: 'indigo',
  CONSUMED: 'gray',
  ACTIVE: 'blue',
  PARTIALLY_PAID: 'yellow',
  OVERDUE: 'red',
};

/**
 * A status as a coloured badge; the text stays the API's own word, readable without colour, and
 * in the colour's darkest shade, so it keeps 4.5:1 against the light background.
 */
export function StatusBadge({ status }: { status: string }) {
  const color = COLORS[status] ?? 'gray';
  return (
    <Badge
      color={color}
      variant="light"
      styles={{ root: { color: `var(--mantine-color-${color}-9)` } }}
    >
      {status.replace(/_/g, ' ')}
    </Badge>
  );
}
