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
  OFFERED: 'blue',
  CHOSEN: 'green',
  WITHDRAWN: 'gray',
  // Appointments (the calendar)
  PROPOSED: 'yellow',
  BOOKED: 'indigo',
  CHECKED_IN: 'orange',
  NO_SHOW: 'red',
};

/**
 * A status as a coloured badge; the text stays the API's own word, readable without colour. The
 * text is the page's own colour: even the darkest green on light green is 3.8:1, under AA's 4.5.
 * Never cut short with an ellipsis: a status is read whole.
 */
export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge
      color={COLORS[status] ?? 'gray'}
      variant="light"
      vars={() => ({ root: { '--badge-color': 'var(--mantine-color-text)' } })}
      // Whole in a squeezed table cell ("PARTIALLY PAID", not "PARTIALLY …"): the table scrolls.
      style={{ minWidth: 'max-content' }}
    >
      {status.replace(/_/g, ' ')}
    </Badge>
  );
}
