import { useMemo } from 'react';
import { encodeQr, qrPath } from './qr.ts';

/** The otpauth link as a QR code to scan with the authenticator app (black on white, any theme). */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const drawn = useMemo(() => {
    try {
      const qr = encodeQr(value);
      return { dim: qr.size + 8, path: qrPath(qr) };
    } catch {
      return null;
    }
  }, [value]);
  if (!drawn) return null;
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${drawn.dim} ${drawn.dim}`}
      shapeRendering="crispEdges"
      style={{ background: '#fff', display: 'block' }}
      data-testid="totp-qr"
    >
      <rect width={drawn.dim} height={drawn.dim} fill="#fff" />
      <path d={drawn.path} fill="#000" />
    </svg>
  );
}
