/**
 * How a stored file goes out over HTTP: shown in the browser or saved, under which
 * Content-Security-Policy, and which bytes when the browser asks for a part (a video being
 * played or sought). Pure, so it is tested without a server.
 */

/**
 * The types a browser may show itself (`?inline=1`): photos, PDFs, and the video and sound
 * formats browsers play. Anything else is always a download, whatever the link asks: a
 * type the browser does not render could be handed to another program, and an HTML or SVG
 * file shown from our origin could run script in it (evidence is never detected as either).
 */
export const INLINE_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  'video/mp4',
  'video/webm',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'audio/mp4',
]);

/**
 * The Content-Security-Policy of a served file. Opened in a tab, it runs nothing and loads
 * nothing: `sandbox` gives it an origin of its own, without script. One exception: a PDF
 * shown inline. Chromium and Safari refuse to start their PDF viewers in a sandboxed
 * document (a blank page; checked here with Debian's Chromium), and the viewers run
 * outside the page's origin anyway; `default-src 'none'` still forbids every script,
 * style and request of the page itself.
 */
export function contentSecurityPolicy(mediaType: string, inline: boolean): string {
  return inline && mediaType === 'application/pdf' ? "default-src 'none'; frame-ancestors 'self'" : "default-src 'none'; sandbox";
}

/**
 * `inline` or `attachment`, with the name twice (RFC 6266): an ASCII fallback, and the exact
 * name percent-encoded as UTF-8 for every current browser. Arabic names survive.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export interface ByteRange {
  start: number;
  /** Inclusive, as in Content-Range. */
  end: number;
}

/**
 * The part of a file of `size` bytes a Range header asks for (RFC 9110 §14): one range,
 * `bytes=a-b`, `bytes=a-` or `bytes=-n`. Null means "send the whole file": no header, or
 * one this server does not honour (other units, several ranges, bad syntax), which the
 * RFC lets a server ignore. 'unsatisfiable' when the range starts past the end (416).
 */
export function byteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === undefined) return null;
  const m = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    // The last n bytes.
    const n = Number(m[2]);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}
