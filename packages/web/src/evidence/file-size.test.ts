import { describe, expect, it } from 'vitest';
import { fileSize } from './api.ts';

describe('file sizes as people read them', () => {
  it('says kilobytes or megabytes, never bytes', () => {
    expect(fileSize(659, 'en')).toBe('0.6 kB');
    expect(fileSize(3, 'en')).toBe('0.1 kB');
    expect(fileSize(48_300, 'en')).toBe('47 kB');
    expect(fileSize(1_572_864, 'en')).toBe('1.5 MB');
  });

  it("uses the reader's language: its unit names and decimal sign", () => {
    expect(fileSize(1_572_864, 'ar')).toMatch(/^(1\.5|١٫٥) [\u0600-\u06ff.]+$/);
    expect(fileSize(659, 'ru')).toMatch(/0,6/);
  });
});
