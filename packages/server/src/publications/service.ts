import { damagedFile, recordDamage } from '../audit/index.ts';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { bounds, parseDay, previousPeriod, type Period } from '@truce/core/dashboard/period';
import { trend } from '@truce/core/dashboard/trend';
import { isDocumentLanguage, DOCUMENT_LANGUAGES, type Document } from '@truce/core/documents/model';
import { renderHtml } from '@truce/core/documents/html';
import { toBase64 } from '@truce/core/log/index';
import { can } from '@truce/core/policy/policy';
import { isPublicationKind, MAX_PUBLICATION_DAYS, PUBLICATION_KINDS, type PublicationData, type PublicationRequest } from '@truce/core/publications/figures';
import { annexCsv, buildPublication, SUMMARY_CHARS } from '@truce/core/publications/build';
import { shapesOf, type AreaShape } from '@truce/core/publications/map';
import type { Actor } from '@truce/core/model/accounts';
import type { AppContext } from '../context.ts';
import { casualties as dashboardCasualties, openItems as dashboardOpenItems, totals as dashboardTotals } from '../dashboard/index.ts';
import { renderPdf } from '../documents/index.ts';
import { GEO_DIR } from '../geo/index.ts';
import { badRequest, conflict, forbidden, notFound, type FieldError } from '../errors/index.ts';
import { checkpointFor } from '../log/index.ts';
import { record } from '../log/index.ts';
import type { Publication } from './schema.ts';
import * as store from './store.ts';

/**
 * The violation report to the United Nations and the progress briefing for the support
 * group (C8). `gather` reads every figure in one database snapshot together with the log's
 * tree size in that snapshot, and takes the signed checkpoint of that size: the document
 * says which record its figures come from. `issue` freezes a version (document, PDF bytes,
 * annex) and appends the issue to the log with the PDF's SHA-256.
 */
const DAY = 86_400_000;

/** Checks a request; errors name the field under `at` ("/body", "/query", or a CLI option prefix). */
export function parseRequest(
  input: { kind?: unknown; from?: unknown; to?: unknown; language?: unknown },
  at = '/body',
): PublicationRequest & { period: Period } {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ path: `${at}/${field}`, message });
  if (!isPublicationKind(input.kind)) fail('kind', `must be one of ${PUBLICATION_KINDS.join(', ')}`);
  if (!isDocumentLanguage(input.language)) fail('language', `must be one of ${DOCUMENT_LANGUAGES.join(', ')}`);
  const fromMs = typeof input.from === 'string' ? parseDay(input.from) : null;
  const toMs = typeof input.to === 'string' ? parseDay(input.to) : null;
  if (fromMs === null) fail('from', 'must be a date written YYYY-MM-DD');
  if (toMs === null) fail('to', 'must be a date written YYYY-MM-DD');
  if (fromMs !== null && toMs !== null) {
    if (fromMs > toMs) fail('from', 'is after the end of the period (to)');
    else if ((toMs - fromMs) / DAY + 1 > MAX_PUBLICATION_DAYS) fail('to', `makes a period longer than ${MAX_PUBLICATION_DAYS} days (one year at most)`);
  }
  if (errors.length > 0) throw badRequest(`The request is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, errors, 'validation_failed');
  const from = input.from as string;
  const to = input.to as string;
  const period: Period = { from, to, days: Math.round((toMs! - fromMs!) / DAY) + 1 };
  return { kind: input.kind as PublicationRequest['kind'], from, to, language: input.language as PublicationRequest['language'], period };
}

let geography: Promise<{ shapes: AreaShape[]; names: Record<string, { en: string; ar: string }> }> | undefined;
/** The governorates' outlines and names, read once from the shipped boundaries. */
function governorates() {
  geography ??= fs
    .readFile(path.join(GEO_DIR, 'syr_adm1_governorates.geojson'), 'utf8')
    .then((text) => {
      const collection = JSON.parse(text) as { features: { properties: Record<string, string>; geometry: { type: string; coordinates: unknown } }[] };
      const names: Record<string, { en: string; ar: string }> = {};
      for (const f of collection.features)
        if (f.properties?.pcode)
          names[f.properties.pcode] = { en: f.properties.name_en ?? f.properties.pcode, ar: f.properties.name_ar ?? f.properties.name_en ?? '' };
      return { shapes: shapesOf(collection), names };
    })
    .catch((e: unknown) => {
      geography = undefined;
      throw e;
    });
  return geography;
}

/**
 * Every figure of a publication at one checkpoint: one repeatable-read snapshot of the
 * tables that holds no committed log entry outside the tree (else the sequencer runs and
 * the snapshot is taken again), and the signed checkpoint at that snapshot's tree size.
 * Under a steady stream of writes the third try is taken as it is: its figures may then
 * include changes whose entries come just after the checkpoint.
 */
export async function gather(ctx: AppContext, req: PublicationRequest & { period: Period }, now = new Date()): Promise<PublicationData> {
  const period = req.period;
  const prev = previousPeriod(period);
  const cur = bounds(period);
  const before = bounds(prev);
  const read = async (tx: Parameters<Parameters<typeof store.inSnapshot>[1]>[0]) => {
    const filter = { start: cur.start, end: cur.end };
    const totals = await dashboardTotals(tx, { kind: 'all' }, filter, before, true);
    const previousIncidents = await store.incidentCount(tx, { start: before.start, end: before.end });
    const casualties = await dashboardCasualties(tx, { kind: 'all' }, filter);
    const groups = await store.breakdowns(tx, filter);
    const byVerification = await store.findingsByVerification(tx, cur.start, cur.end);
    const rows = await store.findingRows(tx, cur.start, cur.end, SUMMARY_CHARS);
    const labels = await store.typeLabels(tx);
    const names = await store.organisationNames(tx);
    const mechanism = await store.mechanism(tx);
    const briefing =
      req.kind === 'issg'
        ? { ...(await store.briefingFigures(tx, period, cur.start, cur.end)), open: await dashboardOpenItems(tx, { kind: 'all' }, now) }
        : undefined;
    return { totals, previousIncidents, casualties, groups, byVerification, rows, labels, names, mechanism, briefing };
  };
  let snap = null;
  for (let attempt = 0; attempt < 3 && !snap; attempt++) {
    await ctx.sequencer.flush();
    snap = await store.inSnapshot(ctx.db, read);
  }
  if (!snap) {
    // Entries keep arriving: read at the head as it is (see above).
    snap = await ctx.db
      .transaction()
      .execute(async (tx) => ({ size: Number((await tx.selectFrom('log_head').select('size').executeTakeFirstOrThrow()).size), value: await read(tx) }));
  }
  const { size, value: f } = snap;
  if (!f.mechanism) throw notFound('Publications start when the mechanism is set up.');
  const checkpoint = await checkpointFor(ctx, size);
  const geo = await governorates();
  return {
    kind: req.kind,
    mechanism: { name: f.mechanism.name, supportGroup: f.mechanism.support_group_name },
    checkpoint: { origin: f.mechanism.log_origin, size: checkpoint.size, rootHash: toBase64(checkpoint.root) },
    violations: {
      period,
      previousPeriod: prev,
      reports: trend(f.totals.current, f.totals.previous),
      incidents: trend(f.totals.incidents ?? 0, f.previousIncidents),
      casualties: f.casualties,
      byType: f.groups.byType.map((r) => ({ ...r, label: f.labels.get(r.code) ?? r.code })),
      byGovernorate: f.groups.byGovernorate,
      byParty: f.groups.byParty.map((r) => ({ ...r, name: r.partyId ? (f.names.get(r.partyId) ?? null) : null })),
      byWeek: f.groups.byWeek,
      findings: { total: f.byVerification.reduce((a, r) => a + r.count, 0), byVerification: f.byVerification, rows: f.rows },
    },
    ...(f.briefing ? { briefing: f.briefing } : {}),
    governorates: geo.names,
  };
}

/** The document for these figures, in the request's language: a draft (version null) or an issued version. */
export async function compose(data: PublicationData, req: PublicationRequest, version: number | null, issued: Date): Promise<Document> {
  const geo = await governorates();
  return buildPublication(data, { language: req.language, issued: issued.toISOString().slice(0, 10), version, shapes: geo.shapes });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function presentMeta(r: NonNullable<Awaited<ReturnType<typeof store.meta>>>): Publication {
  const base = `/api/publications/${r.id}`;
  return {
    id: r.id,
    kind: r.kind as Publication['kind'],
    period: { from: String(r.period_from), to: String(r.period_to) },
    language: r.language as Publication['language'],
    version: r.version,
    checkpoint: { size: Number(r.checkpoint_size), rootHash: toBase64(new Uint8Array(r.checkpoint_root)) },
    issuedAt: new Date(r.issued_at).toISOString(),
    issuedBy: { userId: r.issued_by, organisationId: r.issued_org, name: r.issued_by_name ?? null },
    pdf: { sha256: r.pdf_sha256, pages: r.pdf_pages, bytes: Number(r.pdf_bytes) },
    // The issue's place in the log (null only while it is being sequenced).
    logIndex: r.log_index === null ? null : Number(r.log_index),
    links: { html: `${base}?format=html`, pdf: `${base}?format=pdf`, json: `${base}?format=json`, csv: `${base}?format=csv` },
  };
}
export type PublicationMeta = Publication;

/**
 * Issues a publication: reads the figures at one checkpoint, builds the next version for
 * this kind, period and language, renders its PDF, and stores it frozen together with its
 * log entry (publication.issued: kind, period, language, version, checkpoint, PDF SHA-256),
 * in one transaction. Throws 403 unless the actor may issue, 409 when another issue of the
 * same version won the race.
 */
export async function issue(ctx: AppContext, actor: Actor, input: Record<string, unknown>): Promise<PublicationMeta> {
  if (!can(actor, 'publications.issue')) throw forbidden('The secretariat issues reports and briefings.');
  const req = parseRequest(input);
  const data = await gather(ctx, req);
  const version = await store.nextVersion(ctx.db, req);
  const issuedAt = new Date();
  const doc = await compose(data, req, version, issuedAt);
  const pdf = await renderPdf(doc);
  const digest = sha256(pdf.bytes);
  const id = uuidv7();
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const entryId = await record(tx, {
        type: 'publication.issued',
        actor: { organisation: actor.orgId, user: actor.userId },
        subject: { publication: id },
        data: {
          kind: req.kind,
          from: req.from,
          to: req.to,
          language: req.language,
          version,
          checkpoint: { size: data.checkpoint.size, rootHash: data.checkpoint.rootHash },
          pdfSha256: digest,
        },
      });
      await store.insertIssued(tx, {
        id,
        kind: req.kind,
        period_from: req.from,
        period_to: req.to,
        language: req.language,
        version,
        checkpoint_size: data.checkpoint.size,
        checkpoint_root: Buffer.from(data.checkpoint.rootHash, 'base64'),
        issued_by: actor.userId,
        issued_org: actor.orgId,
        issued_at: issuedAt,
        document: JSON.stringify(doc),
        annex: JSON.stringify(data),
        pdf: Buffer.from(pdf.bytes),
        pdf_sha256: digest,
        pdf_pages: pdf.pages,
        log_entry_id: entryId,
      });
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23505')
      throw conflict(
        `Version ${version} of this publication was issued at the same moment by someone else; issue again to make the next version.`,
        'issued_concurrently',
      );
    throw e;
  }
  await ctx.sequencer.flush();
  return presentMeta((await store.meta(ctx.db, id))!);
}

export async function list(ctx: AppContext): Promise<Publication[]> {
  return (await store.list(ctx.db, 500)).map(presentMeta);
}

export async function metadata(ctx: AppContext, id: string): Promise<PublicationMeta> {
  const row = await store.meta(ctx.db, id);
  if (!row) throw notFound('No publication has this id.');
  return presentMeta(row);
}

const parsed = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/**
 * A publication as it would be issued now, without issuing it (version null: the document
 * says "draft"): for the CLI and previews. Nothing is stored apart from the checkpoint signed
 * for the figures' tree size, if it was never signed.
 */
export async function draft(ctx: AppContext, input: Record<string, unknown>, at = '') {
  const req = parseRequest(input, at);
  const data = await gather(ctx, req);
  const doc = await compose(data, req, null, new Date());
  return { req, data, doc };
}

/** One issued publication in a format: the frozen PDF bytes, the frozen document as HTML, the annex as JSON or CSV. */
export async function content(ctx: AppContext, id: string, format: 'html' | 'pdf' | 'json' | 'csv') {
  const meta = await metadata(ctx, id);
  const name = `truce-${meta.kind}-${meta.period.from}-${meta.period.to}-${meta.language}-v${meta.version}`;
  if (format === 'pdf') {
    const bytes = (await store.part(ctx.db, id, 'pdf')) as Uint8Array;
    // An issued PDF is frozen: bytes that no longer match its recorded hash are not served (C9 audit).
    if (sha256(bytes) !== meta.pdf.sha256) {
      await recordDamage(ctx.db, 'publication_pdf', meta.pdf.sha256, `publication ${id}: the stored PDF no longer matches its SHA-256`);
      throw damagedFile('publication_pdf', meta.pdf.sha256);
    }
    return { type: 'application/pdf', name: `${name}.pdf`, body: Buffer.from(bytes) };
  }
  if (format === 'html')
    return { type: 'text/html; charset=utf-8', name: `${name}.html`, body: renderHtml(parsed<Document>(await store.part(ctx.db, id, 'document'))) };
  const annex = parsed<PublicationData>(await store.part(ctx.db, id, 'annex'));
  if (format === 'csv') return { type: 'text/csv; charset=utf-8', name: `${name}.csv`, body: annexCsv(annex, meta.language) };
  return { type: 'application/json; charset=utf-8', name: `${name}.json`, body: JSON.stringify({ publication: meta, figures: annex }) };
}
