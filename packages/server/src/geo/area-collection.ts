import type { GeoData } from './geo-data.ts';

/** What GET /api/geo/areas sends: the prepared bytes (gzip when taken), their ETag, or that the client's copy still holds. */
export function areaCollection(
  data: GeoData,
  level: string,
  headers: { acceptEncoding?: string; ifNoneMatch?: string },
): { etag: string; notModified: boolean; gzip: boolean; body: Buffer } {
  const file = data.collections[level === '1' ? 1 : 2];
  const gzip = acceptsGzip(headers.acceptEncoding);
  const gzipEtag = file.etag.replace(/"$/, '-gz"');
  return { etag: gzip ? gzipEtag : file.etag, notModified: etagMatches(headers.ifNoneMatch, [file.etag, gzipEtag]), gzip, body: gzip ? file.gzip : file.body };
}

/** Does an If-None-Match header name this ETag (weak or strong comparison, or *)? */
function etagMatches(header: string | undefined, etags: string[]): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || etags.includes(t.replace(/^W\//, ''));
  });
}

/** Does the client take gzip (Accept-Encoding with gzip or *, and a q above 0)? */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    const weight = q ? Number(q[1]) : 1;
    if (name.trim() === 'gzip') gzip = weight;
    if (name.trim() === '*') any = weight;
  }
  return (gzip ?? any ?? 0) > 0;
}
