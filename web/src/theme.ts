import { createTheme, Modal, type CSSVariablesResolver } from '@mantine/core';
import { CALENDAR_ARIA_LABELS } from './components/calendarLabels';

// The primary shade is darkened one step so white text on filled buttons meets WCAG AA contrast.
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'sm',
  // Menus and dialogs appear without animation for people who ask their system for less motion.
  respectReducedMotion: true,
  components: {
    // A modal's close button is an icon: it needs a name for screen readers.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // So are a calendar's previous/next and level controls, in every date input. (A plain object:
    // `Calendar.extend` would load @mantine/dates with the first page.)
    Calendar: { defaultProps: { ariaLabels: CALENDAR_ARIA_LABELS } },
  },
});

// Mantine's dimmed text (gray 6) and error text (red 6) fall short of 4.5:1 on white (axe's
// color-contrast rule): one shade darker for dimmed, three for errors.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
