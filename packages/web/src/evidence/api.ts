import { useQuery } from '@tanstack/react-query';
import type { EvidenceMeta, UploadedEvidence } from '@truce/server/schemas/evidence';
import { get, ProblemError } from '../api/client.ts';

/** Evidence files as the API answers them (packages/server/src/evidence/schema.ts). */
export type { EvidenceMeta, UploadedEvidence } from '@truce/server/schemas/evidence';

/** A file attached to a report or a reply, as the forms keep it: stored, addressed by its SHA-256. */
export interface EvidenceItem {
  sha256: string;
  name: string;
  size: number;
  mediaType: string;
}

/**
 * Uploads one file as multipart/form-data. XMLHttpRequest rather than fetch, so that a
 * field monitor on a slow link sees how far the upload has got. Refusals (413 too large,
 * 415 type not accepted) reject with the server's problem, whose detail says why.
 */
export function uploadEvidence(file: File, onProgress: (fraction: number) => void): Promise<UploadedEvidence> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/evidence');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: Record<string, unknown> | null = null;
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        /* not JSON */
      }
      if (xhr.status === 201 && body) return resolve(body as unknown as UploadedEvidence);
      reject(
        new ProblemError({
          type: String(body?.type ?? 'about:blank'),
          title: String(body?.title ?? xhr.statusText),
          status: Number(body?.status ?? xhr.status),
          detail: String(body?.detail ?? `${xhr.status} ${xhr.statusText}`),
          code: typeof body?.code === 'string' ? body.code : undefined,
        }),
      );
    };
    xhr.onerror = () => reject(new ProblemError({ type: 'about:blank', title: 'Network error', status: 0, detail: 'network', code: 'network' }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** What the server says of an evidence file; refused (403) to those who may not open it. */
export function useEvidenceMeta(sha256: string, enabled = true) {
  return useQuery({
    queryKey: ['evidence', sha256],
    queryFn: () => get<EvidenceMeta>(`/api/evidence/${sha256}/meta`),
    enabled,
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * "1.5 MB" in the reader's language and digits, with the unit's own name ("1.5 ميغابايت").
 * Always in kilobytes or megabytes ("0.7 kB", not "659 byte"): the units people read.
 */
export function fileSize(bytes: number, lang: string): string {
  const [unit, value] =
    bytes < 10 * 1024
      ? ['kilobyte', Math.max(0.1, Math.round((bytes / 1024) * 10) / 10)]
      : bytes < 1024 * 1024
        ? ['kilobyte', Math.round(bytes / 1024)]
        : ['megabyte', Math.round((bytes / (1024 * 1024)) * 10) / 10];
  return new Intl.NumberFormat(lang, { style: 'unit', unit: unit as string, unitDisplay: 'short' }).format(value as number);
}
