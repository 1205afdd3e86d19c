import fs from 'node:fs/promises';
import path from 'node:path';
import { bounds, parseDay, previousPeriod, type Period } from '@truce/core/dashboard/period';
import { trend } from '@truce/core/dashboard/trend';
import { isDocumentLanguage, DOCUMENT_LANGUAGES, type Document } from '@truce/core/documents/model';
import { toBase64 } from '@truce/core/log/index';
import { isPublicationKind, MAX_PUBLICATION_DAYS, PUBLICATION_KINDS, type PublicationData, type PublicationRequest } from '@truce/core/publications/figures';
import { buildPublication, SUMMARY_CHARS } from '@truce/core/publications/build';
import { shapesOf, type AreaShape } from '@truce/core/publications/map';
import type { AppContext } from '../context.ts';
import { casualties as dashboardCasualties, openItems as dashboardOpenItems, totals as dashboardTotals } from '../dashboard/index.ts';
import { GEO_DIR } from '../geo/index.ts';
import { badRequest, notFound, type FieldError } from '../errors/index.ts';
import { checkpointFor } from '../log/index.ts';
import * as store from './store.ts';

/**
 * What a publication states (C8): the request checked, every figure read in one database
 * snapshot together with the log's tree size in that snapshot and the signed checkpoint of
 * that size (the document says which record its figures come from), and the document
 * composed from them. Issuing and drafting both start here.
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
export async function gather(ctx: AppContext, req: PublicationRequest & { period: Period }, now: Date): Promise<PublicationData> {
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
    const labels = await store.typeLabels(tx, req.language);
    const names = await store.organisationNames(tx, req.language);
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
