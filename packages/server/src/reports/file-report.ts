import { v7 as uuidv7 } from 'uuid';
import { canonicalJson } from '@truce/core/log/index';
import { loggedActor, sha256Hex, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { Problem } from '../errors/index.ts';
import { noteRecorded, prepareEntry, randomPooled } from '../log/index.ts';
import { headerColumns, normalise, prepare, publicFacts } from './content.ts';
import { viewReport } from './view-report.ts';
import { filingBatcher } from './filing-batch.ts';
import { presentReport } from './present.ts';
import type { Report, ReportContentInput } from './schema.ts';
import * as store from './store.ts';

/**
 * Files a new report. Throws 400 naming the field when the content does not fit the
 * mechanism. With an idempotency key, sending the same report again (a retry after a
 * lost answer) returns the report already filed, marked `replayed`, and files nothing;
 * another report under a key already used is refused (422).
 */
export async function fileReport(
  ctx: AppContext,
  auth: Auth,
  input: ReportContentInput,
  idempotencyKey?: string,
): Promise<{ report: Report; replayed: boolean }> {
  const content = normalise(input);
  const requestHash = idempotencyKey === undefined ? null : sha256Hex(canonicalJson(content));
  const { areas, flags } = await prepare(ctx, auth, content);
  const id = uuidv7({ random: randomPooled(16) });
  const now = ctx.clock.now();
  const report = {
    id,
    reporter_org: auth.actor.orgId,
    reporter_user: auth.actor.userId,
    created_at: now,
    current_version: 1,
    idempotency_key: idempotencyKey ?? null,
    request_hash: requestHash,
    ...headerColumns(content, flags, areas),
  };
  const version = { report_id: id, version: 1, content, areas, change_note: '', created_by: auth.actor.userId, created_at: now };
  const entry = prepareEntry({
    type: 'report.filed',
    actor: loggedActor(auth),
    subject: { report: id },
    data: publicFacts(content, flags, areas, 1),
    sealed: { content },
  });
  // No lock: filings do not wait on each other (the log's sequencer numbers the entry
  // after commit), and concurrent ones are written together (filing-batch.ts). The answer
  // is built from the rows as written.
  try {
    noteRecorded(await filingBatcher(ctx).file({ report, version, entry }));
  } catch (err) {
    // A retry (or two copies of one racing): the key is taken, so the report was filed;
    // it is looked for only now, which costs the usual filing nothing.
    if (idempotencyKey !== undefined && isUniqueViolation(err)) {
      const earlier = await replay(ctx, auth, idempotencyKey, requestHash!);
      if (earlier) return earlier;
    }
    throw err;
  }
  return { report: presentReport(auth.actor, { ...report, withdrawn_at: null, withdrawn_reason: null }, version), replayed: false };
}

async function replay(ctx: AppContext, auth: Auth, key: string, requestHash: string): Promise<{ report: Report; replayed: boolean } | null> {
  const earlier = await store.findByIdempotencyKey(ctx.db, auth.actor.userId, key);
  if (!earlier) return null;
  if (earlier.request_hash !== requestHash) {
    throw new Problem(422, 'Idempotency key reused', 'This Idempotency-Key was already used for a different report. Use a new key for a new report.', {
      code: 'idempotency_key_reused',
      errors: [{ path: '/headers/idempotency-key', message: 'was already used for a different report' }],
    });
  }
  return { report: await viewReport(ctx.db, auth, earlier.id), replayed: true };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}
