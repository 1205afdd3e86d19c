import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import type { Document } from '@truce/core/documents/model';
import { toTypst } from './typst.ts';

/**
 * Document → PDF bytes through Typst (@myriaddreamin/typst-ts-node-compiler, a prebuilt
 * native module). One compiler is created on first use and kept for the life of the
 * process: creating it loads the fonts, compiling a page afterwards takes milliseconds.
 *
 * Fonts: only the six files in packages/server/data/fonts are named by the documents
 * (Noto Sans, Noto Naskh Arabic, Noto Sans Arabic; regular and bold; see SOURCES.md), with Typst's
 * font fallback switched off, so no other font can be picked and the output is the same on
 * every machine. The binding has no switch to skip system fonts; they are loaded but,
 * being listed after ours and never named, never used.
 *
 * Rendering is synchronous native work (15-20 ms a page measured here): run it from a background
 * job, not on a request's path, for long reports.
 */

export const FONT_DIR = fileURLToPath(new URL('../../data/fonts/', import.meta.url));
export const FONT_FILES = [
  'NotoSans-Regular.ttf',
  'NotoSans-Bold.ttf',
  'NotoNaskhArabic-Regular.ttf',
  'NotoNaskhArabic-Bold.ttf',
  'NotoSansArabic-Regular.ttf',
  'NotoSansArabic-Bold.ttf',
] as const;

/**
 * The compile root. It does not exist on disk: Typst sees only the shadow files mapped
 * under it for one render (the SVG figures), nothing of the real file system.
 */
const ROOT = path.resolve('/', 'truce-documents-virtual-root');

export type PdfStandard = 'a-2b' | '1.7';

export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
  /** Milliseconds spent compiling and writing this PDF (not the compiler's start). */
  ms: number;
  /**
   * PDF/A-2b (archival) when every character could be drawn with the shipped fonts; plain
   * PDF 1.7 otherwise, with the characters that show as empty boxes in missingGlyphs.
   */
  standard: PdfStandard;
  missingGlyphs: string[];
}

export interface PdfStats {
  /** Time to load the native module and create the compiler, once per process; null before the first render. */
  compilerStartMs: number | null;
  documents: number;
  pages: number;
  /** Total of PdfResult.ms. */
  renderMs: number;
}

const stats: PdfStats = { compilerStartMs: null, documents: 0, pages: 0, renderMs: 0 };
let compiler: Promise<NodeCompiler> | undefined;

export class PdfRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfRenderError';
  }
}

function startCompiler(): Promise<NodeCompiler> {
  compiler ??= (async () => {
    const t0 = performance.now();
    const fontPaths = FONT_FILES.map((f) => path.join(FONT_DIR, f));
    const missing = fontPaths.filter((f) => !existsSync(f));
    if (missing.length > 0) throw new PdfRenderError(`PDF fonts are missing: ${missing.join(', ')} (see packages/server/data/fonts/SOURCES.md)`);
    const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler');
    const c = NodeCompiler.create({ workspace: ROOT, fontArgs: [{ fontPaths }] });
    stats.compilerStartMs = performance.now() - t0;
    return c;
  })().catch((e: unknown) => {
    compiler = undefined;
    throw e;
  });
  return compiler;
}

/** Renders a checked document (createDocument) to PDF. Throws PdfRenderError when Typst refuses the generated source. */
export async function renderPdf(doc: Document): Promise<PdfResult> {
  const c = await startCompiler();
  const { source, files } = toTypst(doc);
  const t0 = performance.now();
  // Nothing awaits between mapping the figures and unmapping them: renders cannot interleave.
  for (const [file, bytes] of files) c.mapShadow(ROOT + file, Buffer.from(bytes));
  try {
    const result = c.compile({ mainFileContent: source });
    const compiled = result.result;
    if (result.hasError() || !compiled) {
      const diagnostics = result.takeDiagnostics() ?? result.takeError();
      throw new PdfRenderError(`Typst could not lay out the document: ${describe(diagnostics?.shortDiagnostics)}`);
    }
    let standard: PdfStandard = 'a-2b';
    let missingGlyphs: string[] = [];
    let pdf: Buffer;
    try {
      pdf = c.pdf(compiled, { pdfStandard: 'a-2b' });
    } catch (e) {
      // PDF/A refuses text no embedded font can draw; that is the only failure we accept.
      missingGlyphs = undrawable(e);
      if (missingGlyphs.length === 0) throw new PdfRenderError(`Typst could not write the PDF: ${e instanceof Error ? e.message : String(e)}`);
      standard = '1.7';
      pdf = c.pdf(compiled);
    }
    const ms = performance.now() - t0;
    const pages = compiled.numOfPages;
    stats.documents += 1;
    stats.pages += pages;
    stats.renderMs += ms;
    return { bytes: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), pages, ms, standard, missingGlyphs };
  } finally {
    for (const file of files.keys()) c.unmapShadow(ROOT + file);
    // Typst memoises across compilations; drop what the last few documents no longer use.
    c.evictCache(10);
  }
}

/** Timings since the process started, for health and metrics. */
export function pdfStats(): PdfStats {
  return { ...stats };
}

function describe(diagnostics: unknown): string {
  if (!Array.isArray(diagnostics) || diagnostics.length === 0) return 'no diagnostics';
  return diagnostics.map((d: { message?: unknown }) => String(d?.message ?? d)).join('; ');
}

/** The characters a PDF/A export error says no font could draw. */
function undrawable(e: unknown): string[] {
  const message = e instanceof Error ? e.message : String(e);
  const found = new Set<string>();
  for (const m of message.matchAll(/the text `\\?"(.*?)\\?"` could not be displayed/g)) found.add(m[1]);
  // Any other PDF/A complaint means a different problem: report nothing so the caller throws.
  const complaints = message.match(/PDF\/A-2b error/g)?.length ?? 0;
  const glyphComplaints = message.match(/could not be displayed/g)?.length ?? 0;
  return complaints > 0 && complaints === glyphComplaints ? [...found] : [];
}
