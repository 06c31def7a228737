import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Button: { defaultProps: { radius: 'md' } },
    // Links mostly live in tables and cards next to 'sm' text.
    Anchor: { defaultProps: { size: 'sm' } },
    Table: { defaultProps: { fz: 'sm' } },
  },
});
