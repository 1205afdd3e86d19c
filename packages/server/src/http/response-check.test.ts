import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { responseMismatches } from './response-check.ts';
import { Nullable, OneOf, Timestamp } from './schemas.ts';

// A report card as the API might describe it: what the serialiser keeps is what it names.
const Card = Type.Object({
  id: Type.String({ format: 'uuid' }),
  place: Type.Object({ name: Type.String(), pcode: Nullable(Type.String()) }),
  kind: OneOf(['shelling', 'airstrike'] as const),
  filedAt: Timestamp,
  tags: Type.Array(Type.Object({ label: Type.String() })),
});

const card = {
  id: '6f1c2a4e-8d3b-4c57-9a0e-2b7d5f3c1e90',
  place: { name: 'معرة النعمان', pcode: 'C3912' },
  kind: 'shelling',
  filedAt: '2017-02-14T09:30:00.000Z',
  tags: [{ label: 'Idlib' }],
};

describe('responseMismatches', () => {
  it('accepts an answer that its schema names whole', () => {
    expect(responseMismatches(Card, card)).toEqual([]);
  });

  it('names a field the serialiser would drop, however deep', () => {
    const answer = { ...card, reporter: 'north-dawn', tags: [{ label: 'Idlib', governorate: 'إدلب' }] };
    expect(responseMismatches(Card, answer)).toEqual([
      '/tags/0/governorate is not in the response schema (it would be dropped)',
      '/reporter is not in the response schema (it would be dropped)',
    ]);
  });

  it('names a null where the schema wants a string, and a value outside its list', () => {
    const problems = responseMismatches(Card, { ...card, place: { name: null, pcode: null }, kind: 'sniper' });
    expect(problems.some((p) => p.startsWith('/place/name'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/kind'))).toBe(true);
  });

  it('takes the variant of a union the value fits', () => {
    const Attribution = Type.Union([
      Type.Object({ kind: Type.Literal('alleged') }),
      Type.Object({ kind: Type.Literal('other-party'), organisationId: Type.String() }),
    ]);
    expect(responseMismatches(Attribution, { kind: 'other-party', organisationId: 'x' })).toEqual([]);
    expect(responseMismatches(Attribution, { kind: 'alleged', organisationId: 'x' })).toEqual([
      '/organisationId is not in the response schema (it would be dropped)',
    ]);
  });
});
