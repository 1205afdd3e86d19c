import { createHash } from 'node:crypto';
import { badRequest } from '../errors/index.ts';

/**
 * A search page's cursor: the offset of the next page and a short hash of that offset and
 * of the search it belongs to, so a cursor edited by hand, cut short or carried to another
 * search is refused by name instead of showing an arbitrary page. (Not a secret: a forged
 * cursor could only ask for another page of what the reader may see anyway.)
 */
export function encodeCursor(offset: number, search: string): string {
  return Buffer.from(`s1|${offset}|${fingerprint(`${offset}|${search}`)}`).toString('base64url');
}

export function decodeCursor(cursor: string, search: string, maxOffset: number): number {
  const [version, offset, hash, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const n = Number(offset);
  if (version !== 's1' || rest.length > 0 || !/^[0-9]{1,6}$/.test(offset ?? '') || n > maxOffset || hash !== fingerprint(`${offset}|${search}`)) {
    const message = 'is not a cursor this search gave: use the `next` of the previous page, with the same words and filters';
    throw badRequest(`The request is not valid: /query/cursor ${message}.`, [{ path: '/query/cursor', message }], 'validation_failed');
  }
  return n;
}

const fingerprint = (search: string) => createHash('sha256').update(search).digest('base64url').slice(0, 12);
