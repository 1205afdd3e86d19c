import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { recording } from '../log/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Ids of the log entries this request wrote (log/recorded.ts). */
    recordedEntries?: number[];
    /** Its entries were put in the tree before its answer was serialised: onSend need not again. */
    logSequenced?: boolean;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every write that records something answers with its log index (C9): `logIndex`, the
 * place in the log of the first entry the request wrote (the change itself; entries it
 * caused, such as an adoption after the last approval, follow it). One rule for every
 * route: each write's handler runs while its entries are collected, and before its JSON
 * answer is serialised the entries are sequenced and the index added. An answer that
 * names its own `logIndex` keeps it.
 */
export function installLogIndex(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.some((m) => WRITES.has(m))) return;
    withLogIndex(route.schema as { response?: Record<string, unknown> } | undefined);
    const handler = route.handler;
    route.handler = function (this: FastifyInstance, req: FastifyRequest, reply) {
      const ids: number[] = [];
      req.recordedEntries = ids;
      return recording(ids, () => handler.call(this, req, reply));
    } as typeof route.handler;
  });

  app.addHook('preSerialization', async (req, reply, payload) => {
    const ids = req.recordedEntries;
    if (!ids || ids.length === 0 || reply.statusCode >= 400) return payload;
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || Buffer.isBuffer(payload)) return payload;
    if ('logIndex' in payload) return payload;
    // The answer names a place in the tree: put the entries there first (group commit).
    await ctx.sequencer.flush().catch((err) => req.log.error({ err }, 'log sequencing failed; the background loop will retry'));
    req.logSequenced = true;
    // Usually this process's sequencer numbered them; otherwise (another process did) ask.
    const sorted = [...ids].sort((a, b) => a - b);
    const known = ctx.sequencer.indexGiven(sorted[0]);
    if (known !== undefined) return { ...payload, logIndex: known };
    const rows = await ctx.db.selectFrom('log_entries').select(['id', 'idx']).where('id', 'in', ids).orderBy('id').execute();
    const first = rows.find((r) => r.idx !== null);
    return first ? { ...payload, logIndex: Number(first.idx) } : payload;
  });
}

const LOG_INDEX = Type.Optional(
  Type.Integer({ minimum: 0, description: 'where in the log the first entry this request wrote stands (C9): ask for its receipt with it' }),
);

/** A write's success answers name `logIndex`, so the serialiser keeps it and the API document shows it. */
function withLogIndex(schema: { response?: Record<string, unknown> } | undefined): void {
  const responses = schema?.response;
  if (!responses) return;
  for (const [code, body] of Object.entries(responses)) {
    const s = body as { type?: string; properties?: Record<string, unknown> };
    if (!code.startsWith('2') || s?.type !== 'object' || !s.properties || 'logIndex' in s.properties) continue;
    responses[code] = { ...s, properties: { ...s.properties, logIndex: LOG_INDEX } };
  }
}
