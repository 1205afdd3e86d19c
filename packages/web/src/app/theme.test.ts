import { describe, expect, it } from 'vitest';
import { colors } from './theme.ts';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours, from 1 to 21. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const WHITE = '#ffffff';
const CARD_GREY = colors.gray[0];

describe('theme colours are readable (WCAG 2 AA: 4.5:1 for text)', () => {
  it('checks contrast as WCAG defines it', () => {
    expect(contrast('#000000', WHITE)).toBeCloseTo(21, 5);
    // Mantine's own blue 6, which failed on every page.
    expect(contrast('#228be6', WHITE)).toBeCloseTo(3.55, 1);
  });

  for (const [name, shades] of Object.entries(colors)) {
    it(`${name}: white on filled, coloured text on white and on grey, light badge text`, () => {
      // Filled buttons and badges: white text on shade 6; outline buttons and coloured text: shade 6 on white.
      expect(contrast(WHITE, shades[6])).toBeGreaterThanOrEqual(4.5);
      expect(contrast(shades[6], CARD_GREY)).toBeGreaterThanOrEqual(4.5);
      // Hover and darker text shades stay readable and get darker, never lighter.
      for (const shade of [7, 8, 9]) {
        expect(contrast(WHITE, shades[shade])).toBeGreaterThanOrEqual(4.5);
        expect(luminance(shades[shade])).toBeLessThan(luminance(shades[shade - 1]));
      }
      // Light buttons and badges: shade 9 on shade 1, and on shade 2 when hovered.
      expect(contrast(shades[9], shades[1])).toBeGreaterThanOrEqual(4.5);
      expect(contrast(shades[9], shades[2])).toBeGreaterThanOrEqual(4.5);
    });
  }
});
