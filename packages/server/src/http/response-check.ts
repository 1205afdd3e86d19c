import { FormatRegistry, KindGuard, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problem } from '../errors/index.ts';

/**
 * Fastify serialises an answer through its route's response schema, and that drops every
 * field the schema does not name and coerces what has another type (a `null` typed as a
 * string goes out as ""). So that no field is lost silently, the test suites run with
 * TRUCE_CHECK_RESPONSES=1: every JSON answer is then compared with its schema before it
 * is serialised, and an answer the schema would change fails the request (500) with a
 * detail that names the route and the fields. The whole integration and browser suites
 * are the check; production skips it.
 */
export function installResponseCheck(app: FastifyInstance): void {
  // Added last among the preSerialization hooks, so it sees what will really be serialised
  // (log-index.ts adds `logIndex` before it).
  app.addHook('preSerialization', async (req, reply, payload) => {
    if (typeof payload !== 'object' || payload === null || Buffer.isBuffer(payload)) return payload;
    const schema = responseSchemaFor(req, reply.statusCode, String(reply.getHeader('content-type') ?? 'application/json'));
    if (!schema) return payload;
    const problems = responseMismatches(schema, JSON.parse(JSON.stringify(payload)));
    if (problems.length === 0) return payload;
    const route = `${req.method} ${req.routeOptions.url ?? req.url}`;
    req.log.error({ route, status: reply.statusCode, problems }, 'answer does not match its response schema');
    throw new Problem(500, 'Answer does not match its schema', `${route} (${reply.statusCode}): ${problems.slice(0, 8).join('; ')}`, {
      code: 'response_schema_mismatch',
    });
  });
}

/**
 * The schema Fastify will serialise a status with: the exact code, then "2xx", then
 * "default"; for a response described per media type, the one of the answer's content type.
 */
export function responseSchemaFor(req: FastifyRequest, status: number, contentType = 'application/json'): TSchema | undefined {
  const responses = (req.routeOptions.schema as { response?: Record<string, unknown> } | undefined)?.response;
  if (!responses) return undefined;
  const chosen = (responses[String(status)] ?? responses[`${String(status)[0]}xx`] ?? responses.default) as Record<string, unknown> | undefined;
  if (!chosen) return undefined;
  if (KindGuard.IsSchema(chosen)) return chosen;
  const content = chosen.content as Record<string, { schema?: unknown }> | undefined;
  const schema = content?.[contentType.split(';')[0].trim()]?.schema;
  return KindGuard.IsSchema(schema) ? schema : undefined;
}

/**
 * What serialising `value` through `schema` would change: fields the schema does not name
 * (dropped), and values of another type or missing where required (coerced or broken).
 * Each is named by its JSON pointer.
 */
export function responseMismatches(schema: TSchema, value: unknown): string[] {
  registerFormats();
  const out: string[] = [];
  for (const e of Value.Errors(schema, value)) {
    out.push(`${e.path || '/'} ${e.message}`);
    if (out.length >= 20) return out;
  }
  unnamedFields(schema, value, '', out);
  return out;
}

function unnamedFields(schema: TSchema, value: unknown, at: string, out: string[]): void {
  if (out.length >= 20 || value === null || typeof value !== 'object') return;
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) {
    // The first variant the value fits is the one the serialiser takes.
    const variants = (s.anyOf ?? s.oneOf) as TSchema[];
    const fit = variants.find((v) => Value.Check(v, value));
    if (fit) unnamedFields(fit, value, at, out);
    return;
  }
  if (Array.isArray(s.allOf)) {
    const merged = { type: 'object', properties: {} as Record<string, TSchema>, additionalProperties: false };
    for (const part of s.allOf as Record<string, unknown>[]) Object.assign(merged.properties, part.properties ?? {});
    unnamedFields(merged as unknown as TSchema, value, at, out);
    return;
  }
  if (Array.isArray(value)) {
    const items = s.items as TSchema | undefined;
    if (items && !Array.isArray(items)) {
      for (const [i, v] of value.entries()) unnamedFields(items, v, `${at}/${i}`, out);
    }
    return;
  }
  const properties = (s.properties ?? {}) as Record<string, TSchema>;
  const patterns = (s.patternProperties ?? {}) as Record<string, TSchema>;
  const additional = s.additionalProperties;
  for (const [key, v] of Object.entries(value)) {
    const path = `${at}/${key}`;
    if (properties[key]) unnamedFields(properties[key], v, path, out);
    else {
      const pattern = Object.entries(patterns).find(([p]) => new RegExp(p, 'u').test(key));
      if (pattern) unnamedFields(pattern[1], v, path, out);
      else if (typeof additional === 'object' && additional !== null) unnamedFields(additional as TSchema, v, path, out);
      else if (additional !== true && s.type === 'object') out.push(`${path} is not in the response schema (it would be dropped)`);
    }
  }
}

/** The string formats our schemas use, checked as the serialiser's readers would expect. */
function registerFormats(): void {
  const formats: Record<string, (v: string) => boolean> = {
    uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu.test(v),
    'date-time': (v) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/u.test(v),
    date: (v) => /^\d{4}-\d{2}-\d{2}$/u.test(v),
    email: (v) => v.includes('@'),
    uri: (v) => URL.canParse(v),
    binary: () => true,
  };
  for (const [name, check] of Object.entries(formats)) if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, check);
}
