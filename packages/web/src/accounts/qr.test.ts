import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeQr, qrPath, QrTooLong } from './qr.ts';

const digest = (modules: boolean[][]) =>
  createHash('sha256')
    .update(modules.map((row) => row.map((d) => (d ? '1' : '0')).join('')).join('\n'))
    .digest('hex');

describe('QR encoder', () => {
  // Known answers: these symbols were decoded back to their text by zbarimg when the encoder was written.
  it('gives the symbols a decoder reads back', () => {
    expect(digest(encodeQr('hello').modules)).toBe('52a7aa67e7296ede539d6be86579c7180e3b6d417445712ae8bd314c1818458a');
    const uri = 'otpauth://totp/Truce:a%40b.example?secret=JBSWY3DPEHPK3PXP&issuer=Truce';
    expect(encodeQr(uri).version).toBe(5);
    expect(digest(encodeQr(uri).modules)).toBe('c984dd3cdd0f8188ef43d2026d176afa403e1a58fc1edcd1d85e56686d346f79');
  });

  it('picks the smallest version and draws the finder patterns and dark module', () => {
    for (const [len, version] of [
      [5, 1],
      [120, 7],
      [251, 11],
      [2331, 40],
    ] as const) {
      const qr = encodeQr('x'.repeat(len));
      expect(qr.version).toBe(version);
      expect(qr.size).toBe(version * 4 + 17);
      const m = qr.modules;
      for (const [x, y] of [
        [0, 0],
        [qr.size - 7, 0],
        [0, qr.size - 7],
      ]) {
        expect(m[y][x] && m[y + 6][x + 6] && m[y + 3][x + 3] && !m[y + 1][x + 1]).toBe(true);
      }
      expect(m[qr.size - 8][8]).toBe(true);
    }
    expect(() => encodeQr('x'.repeat(2332))).toThrow(QrTooLong);
  });

  it('draws one square per dark module, inside a quiet zone', () => {
    const qr = encodeQr('hello');
    const squares = qrPath(qr).match(/M/g)?.length ?? 0;
    expect(squares).toBe(qr.modules.flat().filter(Boolean).length);
    expect(qrPath(qr)).not.toMatch(/M[0-3],/);
  });
});
