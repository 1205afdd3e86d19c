import type { FastifyInstance } from 'fastify';
import { badRequest, type FieldError, type Problem } from '../errors/index.ts';

/**
 * One rule for every route: no text the client sends may hold a NUL character (U+0000)
 * or a lone surrogate (U+D800–U+DFFF without its pair). PostgreSQL refuses 0x00 in text
 * and cannot store an unpaired surrogate in UTF-8, so such a value would otherwise end
 * in a 500 deep in a query — or, worse, be cut or mangled on the way. Nothing legitimate
 * needs either. The check runs before schema validation on the path parameters, the
 * query and a JSON body (every string, and every object key, however deep), and answers
 * 400 naming the first field at fault. Multipart fields are read by their route as they
 * stream in; it asks `textFault` for each (evidence/form.ts).
 */

// Quick first look; only a hit is examined closely (an emoji's surrogate pair is fine).
const SUSPECT_UNITS = /[\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a piece of text, or null when it is acceptable. */
export function textFault(value: string): string | null {
  if (!SUSPECT_UNITS.test(value)) return null;
  if (value.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'must not contain an unpaired surrogate (U+D800–U+DFFF)';
  return null;
}

/** A JSON pointer segment (RFC 6901). */
const segment = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** A bad key as it can be shown in a pointer: its NULs and lone surrogates written out as \uXXXX. */
const shown = (key: string) =>
  key.replace(
    /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );

/** The first bad string or key in a parsed value, with its JSON pointer under `base`. */
export function findTextFault(value: unknown, base: string): FieldError | null {
  if (typeof value === 'string') {
    const message = textFault(value);
    return message ? { path: base, message } : null;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const fault = findTextFault(value[i], `${base}/${i}`);
      if (fault) return fault;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value)) {
    // A bad key is named as well as it can be: the pointer shows it, the message says why.
    const keyMessage = textFault(key);
    if (keyMessage) return { path: `${base}/${segment(shown(key))}`, message: `is a field name that ${keyMessage}` };
    const fault = findTextFault(inner, `${base}/${segment(key)}`);
    if (fault) return fault;
  }
  return null;
}

export function textProblem(fault: FieldError): Problem {
  return badRequest(`The request is not valid: ${fault.path} ${fault.message}.`, [fault], 'invalid_text');
}

export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const fault =
      findTextFault(req.params, '/params') ??
      findTextFault(req.query, '/query') ??
      (typeof req.body === 'object' ? findTextFault(req.body, '/body') : typeof req.body === 'string' ? findTextFault(req.body, '/body') : null);
    if (fault) throw textProblem(fault);
  });
}
