import { Anchor, Badge, createTheme, type MantineColorsTuple } from '@mantine/core';

/**
 * Mantine's colours with shades 6 to 9 darkened where they were too light to read
 * (WCAG 2 AA, 4.5:1 for text). Shade 6 is what a filled button or badge puts white text
 * on, and the colour of outline and coloured text on white: each is now at least 4.8:1
 * against white (4.5:1 on the light grey of a card). Shade 9 is the text of a light
 * button or badge on shade 1: at least 4.8:1 there. Mantine's own shade 6 ranges from
 * 1.8:1 (yellow) to 3.6:1 (blue). Shades 0 to 5, the backgrounds, are Mantine's.
 * theme.test.ts checks every ratio.
 */
export const colors = {
  gray: ['#f8f9fa', '#f1f3f5', '#e9ecef', '#dee2e6', '#ced4da', '#adb5bd', '#6b737c', '#495057', '#343a40', '#212529'],
  red: ['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#e50707', '#cd1010', '#b31b1b', '#9e2121'],
  pink: ['#fff0f6', '#ffdeeb', '#fcc2d7', '#faa2c1', '#f783ac', '#f06595', '#db1e60', '#c1275d', '#b32255', '#a61e4d'],
  grape: ['#f8f0fc', '#f3d9fa', '#eebefa', '#e599f7', '#da77f2', '#cc5de8', '#b431d6', '#a335be', '#9433ab', '#862e9c'],
  violet: ['#f3f0ff', '#e5dbff', '#d0bfff', '#b197fc', '#9775fa', '#845ef7', '#7950f2', '#7048e8', '#6741d9', '#5b3abe'],
  indigo: ['#edf2ff', '#dbe4ff', '#bac8ff', '#91a7ff', '#748ffc', '#5c7cfa', '#3f64f4', '#3356e9', '#2d4fd8', '#334abb'],
  blue: ['#e7f5ff', '#d0ebff', '#a5d8ff', '#74c0fc', '#4dabf7', '#339af0', '#1674c6', '#186bb5', '#1662a8', '#155999'],
  cyan: ['#e3fafc', '#c5f6fa', '#99e9f2', '#66d9e8', '#3bc9db', '#22b8cf', '#0f7d8c', '#0c7080', '#096473', '#085665'],
  teal: ['#e6fcf5', '#c3fae8', '#96f2d7', '#63e6be', '#38d9a9', '#20c997', '#0d815e', '#097656', '#07694b', '#065b40'],
  green: ['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#2b823b', '#257834', '#216e2f', '#1e612b'],
  lime: ['#f4fce3', '#e9fac8', '#d8f5a2', '#c0eb75', '#a9e34b', '#94d82d', '#527e13', '#49740e', '#406909', '#395b08'],
  yellow: ['#fff9db', '#fff3bf', '#ffec99', '#ffe066', '#ffd43b', '#fcc419', '#966a03', '#8a5900', '#7a4700', '#6b3700'],
  orange: ['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#b95502', '#a74605', '#953908', '#842c09'],
} satisfies Record<string, MantineColorsTuple>;

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
  colors,
  components: {
    // A link in a sentence must stand out by more than its colour (WCAG 1.4.1): underlined.
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // Upper case means nothing in Arabic or Persian and cuts Latin labels short in narrow cells.
    Badge: Badge.extend({ defaultProps: { tt: 'none' }, styles: { root: { overflow: 'visible' }, label: { overflow: 'visible' } } }),
  },
});
