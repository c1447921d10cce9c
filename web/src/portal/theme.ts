import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * The staff app's colours and contrast (web/src/theme.ts) without its components' defaults, so the
 * patients' bundle carries none of the staff app's components. Larger text: read on a phone.
 */
export const portalTheme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'md',
  respectReducedMotion: true,
});

/** Dimmed and error text darkened to 4.5:1 on white (axe's colour-contrast rule), as in the app. */
export const portalCssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
