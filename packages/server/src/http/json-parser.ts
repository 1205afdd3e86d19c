import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors/index.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies must be valid UTF-8 and valid JSON. Fastify's own parser turns bad bytes
 * into U+FFFD silently; this one refuses them with a 400 that says where, and keeps
 * Fastify's protection against prototype poisoning.
 */
export function installStrictJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['application/json', 'application/merge-patch+json'], { parseAs: 'buffer' }, (req, body, done) => {
    const bytes = body as Buffer;
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      done(badRequest('The request body is not valid UTF-8 text.', [{ path: '/body', message: 'invalid UTF-8 byte sequence' }], 'invalid_utf8'), undefined);
      return;
    }
    if (text.trim() === '') {
      done(badRequest('The request body is empty; send a JSON object.', [{ path: '/body', message: 'empty' }], 'invalid_json'), undefined);
      return;
    }
    parseJson(req, text, (err, value) => {
      if (err) {
        done(badRequest(`The request body is not valid JSON: ${err.message}`, [{ path: '/body', message: err.message }], 'invalid_json'), undefined);
      } else {
        done(null, value);
      }
    });
  });
}
