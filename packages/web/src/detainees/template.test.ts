import { describe, expect, it } from 'vitest';
import { CANONICAL_COLUMNS } from '@truce/core/detainees/person';
import { suggestMapping } from '@truce/core/detainees/headers';
import { templateCsv } from './template.ts';

describe('the list template', () => {
  it('is the canonical header row alone, after a byte-order mark', () => {
    const csv = templateCsv();
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1)).toBe(`${CANONICAL_COLUMNS.join(',')}\r\n`);
  });

  it('maps every column onto itself when uploaded back', () => {
    const headers = templateCsv().slice(1).trim().split(',');
    const { mapping, ok } = suggestMapping(headers);
    expect(ok).toBe(true);
    for (const h of headers) expect(mapping[h]).toBe(h);
  });
});
