import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/**
 * Small, valid files made on the spot for the evidence tests, so that no binary sits in
 * the repository: a PNG, a baseline JPEG and a one-page PDF.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/**
 * An RGB PNG of the given size. Pixels are one colour, or random (`noise`) so that the
 * file does not compress: the way to make a PNG of a given size. `declared` writes another
 * size into the header than the pixels have: a tiny file claiming to be a huge image.
 */
export function makePng(width: number, height: number, options: { rgb?: [number, number, number]; noise?: boolean; declared?: [number, number] } = {}): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(options.declared?.[0] ?? width, 0);
  ihdr.writeUInt32BE(options.declared?.[1] ?? height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method, no interlace
  const rows: Buffer[] = [];
  const [r, g, b] = options.rgb ?? [200, 30, 30];
  for (let y = 0; y < height; y++) {
    const pixels = options.noise ? randomBytes(width * 3) : Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat());
    rows.push(Buffer.concat([Buffer.from([0]), pixels]));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows), { level: options.noise ? 0 : 9 })),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/**
 * An 8×8 mid-grey baseline JPEG. Every coefficient of a flat grey block is zero after the
 * level shift, so each Huffman table needs one code: DC category 0 and AC end-of-block,
 * both "0"; the scan is those two bits padded with ones.
 */
export function makeJpeg(): Buffer {
  const segment = (marker: number, body: number[]) => [0xff, marker, ((body.length + 2) >> 8) & 0xff, (body.length + 2) & 0xff, ...body];
  const oneCode = (tableClass: number) => [tableClass << 4, 1, ...new Array(15).fill(0), 0x00];
  return Buffer.from([
    0xff,
    0xd8, // SOI
    ...segment(0xe0, [...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...new Array(64).fill(1)]), // one quantisation table, all ones
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]), // 8-bit, 8×8, one component
    ...segment(0xc4, oneCode(0)),
    ...segment(0xc4, oneCode(1)),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    0x3f, // DC "0", AC EOB "0", padded with ones
    0xff,
    0xd9, // EOI
  ]);
}

/** A one-page PDF 1.4 with a line of text and a correct cross-reference table. */
export function makePdf(text = 'Incident report annex'): Buffer {
  const content = `BT /F1 12 Tf 20 100 Td (${text.replace(/[()\\]/g, '')}) Tj ET\n`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * The GPS position an EXIF block (as sharp's `metadata().exif` gives it: "Exif\0\0" and a
 * TIFF structure) records, in decimal degrees; null when it has none. Read by walking the
 * TIFF directories here, so that the tests need no EXIF library.
 */
export function exifGps(exif: Buffer | undefined): { latitude: number; longitude: number } | null {
  if (exif === undefined) return null;
  if (exif.toString('latin1', 0, 4) !== 'Exif') return null;
  const tiff = exif.subarray(6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  /** The entries of the directory at `offset`: tag → offset of its value (or of the value itself, when it fits in 4 bytes). */
  const directory = (offset: number) => {
    const entries = new Map<number, { count: number; at: number }>();
    for (let i = 0, n = u16(offset); i < n; i++) {
      const e = offset + 2 + i * 12;
      entries.set(u16(e), { count: u32(e + 4), at: e + 8 });
    }
    return entries;
  };
  const gpsPointer = directory(u32(4)).get(0x8825);
  if (!gpsPointer) return null;
  const gps = directory(u32(gpsPointer.at));
  const degrees = (tag: number, refTag: number, negative: string) => {
    const value = gps.get(tag);
    const ref = gps.get(refTag);
    if (!value || !ref) return null;
    const at = u32(value.at);
    const [d, m, s] = [0, 1, 2].map((k) => u32(at + k * 8) / u32(at + k * 8 + 4));
    return (d + m / 60 + s / 3600) * (tiff.toString('latin1', ref.at, ref.at + 1) === negative ? -1 : 1);
  };
  const latitude = degrees(2, 1, 'S');
  const longitude = degrees(4, 3, 'W');
  return latitude === null || longitude === null ? null : { latitude, longitude };
}
