import { describe, expect, it } from 'vitest';
import { byteRange, contentDisposition, contentSecurityPolicy, INLINE_TYPES } from './delivery.ts';

describe('serving evidence files', () => {
  it('reads one byte range the way players ask, and sends the whole file for what it does not honour', () => {
    expect(byteRange(undefined, 1000)).toBeNull();
    expect(byteRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(byteRange('bytes=500-', 1000)).toEqual({ start: 500, end: 999 });
    expect(byteRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
    expect(byteRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(byteRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
    for (const ignored of ['bytes=0-1,5-6', 'items=0-1', 'bytes=5-2', 'bytes=-', 'bytes=a-b', 'bytes=1-2-3'])
      expect(byteRange(ignored, 1000), ignored).toBeNull();
    expect(byteRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(byteRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(byteRange('bytes=0-', 0)).toBe('unsatisfiable');
  });

  it('shows only types browsers render without running anything, sandboxed except for the PDF viewer', () => {
    for (const t of ['image/jpeg', 'application/pdf', 'video/mp4', 'audio/mpeg']) expect(INLINE_TYPES.has(t), t).toBe(true);
    for (const t of ['text/plain', 'image/heic', 'video/quicktime', 'text/html', 'image/svg+xml']) expect(INLINE_TYPES.has(t), t).toBe(false);
    expect(contentSecurityPolicy('image/png', true)).toBe("default-src 'none'; sandbox");
    expect(contentSecurityPolicy('application/pdf', false)).toBe("default-src 'none'; sandbox");
    expect(contentSecurityPolicy('application/pdf', true)).not.toMatch(/script|unsafe|sandbox/);
  });

  it('names the file for every browser, Arabic included', () => {
    expect(contentDisposition('inline', 'صورة "1".jpg')).toBe(`inline; filename="____ _1_.jpg"; filename*=UTF-8''${encodeURIComponent('صورة "1".jpg')}`);
  });
});
