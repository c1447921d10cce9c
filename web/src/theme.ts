import { createTheme } from '@mantine/core';

// Mantine's defaults meet WCAG AA contrast for text; the primary shade is darkened one step so
// white text on filled buttons does too.
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'sm',
});
