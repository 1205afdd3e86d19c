import { describe, expect, it } from 'vitest';
import { safeNext } from './next.ts';
import { groupSecret, normaliseCode } from './totp.ts';
import { tooShort } from './passwords.ts';

describe('sign-in helpers', () => {
  it('returns only to a page of this app', () => {
    expect(safeNext('/record')).toBe('/record');
    expect(safeNext('/admin/users?x=1')).toBe('/admin/users?x=1');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });

  it('groups a TOTP secret in fours and keeps six digits of a code', () => {
    expect(groupSecret('jbswy3dpehpk3pxpjbsw')).toBe('JBSW Y3DP EHPK 3PXP JBSW');
    expect(normaliseCode('123 456 7')).toBe('123456');
  });

  it('asks for 12 characters, counting Arabic letters as one each', () => {
    expect(tooShort('short')).toBe(true);
    expect(tooShort('long enough pass')).toBe(false);
    expect(tooShort('كلمة مرور طو')).toBe(false);
  });
});
