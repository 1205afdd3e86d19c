import { Badge, createTheme } from '@mantine/core';

/**
 * One theme for every language. The font stack ends in Noto and Tahoma so that Arabic and
 * Persian get a proper naskh/sans face where the system font has none.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", Tahoma, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  headings: { fontWeight: '650' },
  components: {
    // Upper case means nothing in Arabic or Persian and cuts Latin labels short in narrow cells.
    Badge: Badge.extend({ defaultProps: { tt: 'none' }, styles: { root: { overflow: 'visible' }, label: { overflow: 'visible' } } }),
  },
});
