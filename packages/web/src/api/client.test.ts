import { describe, expect, it } from 'vitest';
import { fieldOf, ProblemError } from './client.ts';

describe('problem field errors', () => {
  it('names the body field a JSON pointer points into', () => {
    expect(fieldOf('/body/email')).toBe('email');
    expect(fieldOf('/body/signatoryIds/2')).toBe('signatoryIds');
    expect(fieldOf('/body/geometry/coordinates/0/3/1')).toBe('geometry');
    expect(fieldOf('/query/limit')).toBe('limit');
    expect(fieldOf('/body')).toBe('');
  });

  it('collects several messages for one field', () => {
    const p = new ProblemError({
      type: 'about:blank',
      title: 'Bad request',
      status: 400,
      detail: 'The request is not valid',
      errors: [
        { path: '/body/name', message: 'must not be blank' },
        { path: '/body/name', message: 'is too long' },
        { path: '/body/email', message: 'is required' },
        { path: '/body', message: 'empty' },
      ],
    });
    expect(p.fieldErrors()).toEqual({ name: 'must not be blank; is too long', email: 'is required' });
  });
});
