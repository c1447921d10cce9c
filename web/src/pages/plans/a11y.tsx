import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Names for the date pickers' icon-only controls (previous/next month, the time fields, the
 * confirm button), which Mantine leaves unnamed: screen readers and tests need them.
 */
export const CALENDAR_LABELS = {
  ariaLabels: {
    previousMonth: 'Previous month',
    nextMonth: 'Next month',
    previousYear: 'Previous year',
    nextYear: 'Next year',
    previousDecade: 'Previous decade',
    nextDecade: 'Next decade',
    monthLevelControl: 'Choose the month',
    yearLevelControl: 'Choose the year',
  },
};

/** Mantine's descriptions are grey-6 (3.3:1 on white); a darker grey meets WCAG AA (4.5:1). */
export const READABLE_DESCRIPTION = { description: { color: 'var(--mantine-color-gray-7)' } };

/** QueryState's empty sentence is Mantine's dimmed grey (3.3:1): this keeps it readable. */
export function EmptyText({ children }: { children: ReactNode }) {
  return (
    <Text span size="sm" c="gray.7">
      {children}
    </Text>
  );
}
