import type { ReactNode } from 'react';

/** Keeps a technical value (e-mail, hash, key, URI) left to right inside right-to-left text. */
export function Ltr({ children, mono = false, testId }: { children: ReactNode; mono?: boolean; testId?: string }) {
  return (
    <bdi dir="ltr" className={`truce-ltr truce-break${mono ? ' truce-mono' : ''}`} data-testid={testId}>
      {children}
    </bdi>
  );
}
