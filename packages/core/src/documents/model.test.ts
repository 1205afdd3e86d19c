import { describe, expect, it } from 'vitest';
import { createDocument, directionOf, DocumentError, type Block, type DocumentInput } from './model.ts';
import { SAMPLE_ROOT_HASH, sampleDocument } from './samples.ts';

const input = (over: Partial<DocumentInput> = {}, blocks: Block[] = []): DocumentInput => ({
  language: 'en',
  title: 'Report',
  meta: {
    mechanism: 'Mechanism',
    period: { from: '2017-01-01', to: '2017-01-31' },
    issued: '2017-02-01',
    version: '1',
    checkpoint: { size: 10, rootHash: SAMPLE_ROOT_HASH },
  },
  blocks,
  ...over,
});

function failure(f: () => unknown): DocumentError {
  try {
    f();
  } catch (e) {
    if (e instanceof DocumentError) return e;
    throw e;
  }
  throw new Error('expected a DocumentError');
}

describe('createDocument', () => {
  it('derives the direction from the language', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('fa')).toBe('rtl');
    for (const l of ['en', 'ru', 'tr'] as const) expect(directionOf(l)).toBe('ltr');
    expect(createDocument(input({ language: 'ar' })).direction).toBe('rtl');
    expect(createDocument(input({ language: 'tr' })).direction).toBe('ltr');
  });

  it('writes Persian with its own digits and the others with 0-9 unless told', () => {
    expect(createDocument(input({ language: 'fa' })).numerals).toBe('native');
    expect(createDocument(input({ language: 'ar' })).numerals).toBe('latin');
    expect(createDocument(input({ language: 'ar', numerals: 'native' })).numerals).toBe('native');
    expect(createDocument(input({ language: 'fa', numerals: 'latin' })).numerals).toBe('latin');
  });

  it('accepts the sample documents in every language', () => {
    for (const l of ['en', 'ar', 'ru', 'tr', 'fa'] as const) expect(sampleDocument(l).blocks.length).toBeGreaterThan(3);
  });

  it('names the field of the first problem', () => {
    expect(failure(() => createDocument(input({ language: 'fr' as 'en' }))).path).toBe('/language');
    expect(failure(() => createDocument(input({ title: '  ' }))).path).toBe('/title');
    const meta = input().meta;
    expect(failure(() => createDocument(input({ meta: { ...meta, period: { from: '2017-02-30', to: '2017-03-01' } } }))).path).toBe('/meta/period/from');
    expect(failure(() => createDocument(input({ meta: { ...meta, period: { from: '2017-03-02', to: '2017-03-01' } } }))).message).toMatch(/after the end/);
    expect(failure(() => createDocument(input({ meta: { ...meta, issued: '1/2/2017' } }))).path).toBe('/meta/issued');
    expect(failure(() => createDocument(input({ meta: { ...meta, checkpoint: { size: -1, rootHash: SAMPLE_ROOT_HASH } } }))).path).toBe(
      '/meta/checkpoint/size',
    );
    expect(failure(() => createDocument(input({ meta: { ...meta, checkpoint: { size: 1, rootHash: 'abc' } } }))).path).toBe('/meta/checkpoint/rootHash');
  });

  it('checks each block', () => {
    const table = (rows: (string | number | null)[][]): Block => ({ kind: 'table', columns: [{ label: 'a' }, { label: 'n', numeric: true }], rows });
    expect(() =>
      createDocument(
        input({}, [
          table([
            ['x', 1],
            ['y', null],
          ]),
        ]),
      ),
    ).not.toThrow();
    expect(failure(() => createDocument(input({}, [table([['x', 1], ['y']])]))).path).toBe('/blocks/0/rows/1');
    expect(failure(() => createDocument(input({}, [table([['x', Number.NaN]])]))).path).toBe('/blocks/0/rows/0/1');
    expect(failure(() => createDocument(input({}, [{ kind: 'heading', level: 4 as 1, text: 'h' }]))).path).toBe('/blocks/0/level');
    expect(failure(() => createDocument(input({}, [{ kind: 'figure', svg: '<img src=x>', caption: '' }]))).path).toBe('/blocks/0/svg');
    expect(failure(() => createDocument(input({}, [{ kind: 'figure', svg: '<svg></svg>', caption: 'c', width: 1.5 }]))).path).toBe('/blocks/0/width');
    expect(failure(() => createDocument(input({}, [{ kind: 'script' } as unknown as Block]))).path).toBe('/blocks/0/kind');
    expect(failure(() => createDocument(input({}, [{ kind: 'paragraph', text: ['ok', { text: 5 } as unknown as { text: string }] }]))).path).toBe(
      '/blocks/0/text/1/text',
    );
    expect(failure(() => createDocument(input({}, [{ kind: 'figures', items: [] }]))).path).toBe('/blocks/0/items');
  });
});
