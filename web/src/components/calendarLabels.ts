import type { CalendarAriaLabels } from '@mantine/dates';

/**
 * Names for a calendar's icon-only controls (previous/next month, year, decade, and the level
 * controls), which Mantine leaves unnamed: screen readers and tests need them. The theme gives
 * them to every calendar, so each date input has them.
 */
export const CALENDAR_ARIA_LABELS: CalendarAriaLabels = {
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  previousYear: 'Previous year',
  nextYear: 'Next year',
  previousDecade: 'Previous decade',
  nextDecade: 'Next decade',
  monthLevelControl: 'Choose the month',
  yearLevelControl: 'Choose the year',
};
