import { describe, expect, it } from 'vitest';
import { actionItemReason, exchangeReason, linkKey, proposeAgenda, type PendingItem } from './agenda.ts';

const meetingAt = new Date('2017-03-15T09:00:00Z');
const incident = (id: string) => ({ kind: 'incident' as const, incidentId: id });
const exchange = (id: string) => ({ kind: 'exchange' as const, exchangeId: id });
const action = (id: string) => ({ kind: 'action-item' as const, actionItemId: id });

describe('agenda proposal', () => {
  const pending: PendingItem[] = [
    { link: incident('inc-idlib'), reason: 'finding-awaited', since: '2017-02-20T10:00:00Z' },
    { link: incident('inc-daraa'), reason: 'finding-awaited', since: '2017-03-01T10:00:00Z' },
    { link: incident('inc-daraa'), reason: 'reply-overdue', since: '2017-03-01T10:00:00Z', due: '2017-03-04T10:00:00Z' },
    { link: incident('inc-hama'), reason: 'finding-awaited', since: '2017-02-10T08:00:00Z' },
    { link: incident('inc-hama'), reason: 'finding-disputed', since: '2017-02-10T08:00:00Z' },
    { link: exchange('ex-waiting'), reason: 'exchange-approval', since: '2017-03-02T00:00:00Z' },
    { link: exchange('ex-ready'), reason: 'exchange-execution', since: '2017-03-10T00:00:00Z' },
    { link: action('act-late'), reason: 'action-overdue', since: '2017-02-06T00:00:00Z', due: '2017-03-01' },
  ];

  it('puts what the guarantors must settle first, then what is late, then what waits', () => {
    const proposed = proposeAgenda(pending, { meetingAt });
    expect(proposed.map((p) => linkKey(p.link))).toEqual([
      'incident:inc-hama',
      'exchange:ex-ready',
      'exchange:ex-waiting',
      'action-item:act-late',
      'incident:inc-daraa',
      'incident:inc-idlib',
    ]);
  });

  it('lists each thing once, with all its reasons, most urgent first', () => {
    const hama = proposeAgenda(pending, { meetingAt }).find((p) => linkKey(p.link) === 'incident:inc-hama')!;
    expect(hama.reason).toBe('finding-disputed');
    expect(hama.reasons).toEqual(['finding-disputed', 'finding-awaited']);
    expect(hama.days).toBe(33);
  });

  it('counts overdue days from the deadline, and orders the longest waiting first', () => {
    const proposed = proposeAgenda(
      [
        { link: incident('newer'), reason: 'finding-awaited', since: '2017-03-10T00:00:00Z' },
        { link: incident('older'), reason: 'finding-awaited', since: '2017-01-10T00:00:00Z' },
        { link: incident('late'), reason: 'reply-overdue', since: '2017-01-01T00:00:00Z', due: '2017-03-12T00:00:00Z' },
      ],
      { meetingAt },
    );
    expect(proposed.map((p) => [linkKey(p.link), p.days])).toEqual([
      ['incident:late', 3],
      ['incident:older', 64],
      ['incident:newer', 5],
    ]);
  });

  it('leaves out what is already on the agenda and stops at the limit', () => {
    const proposed = proposeAgenda(pending, { meetingAt, limit: 2, exclude: new Set(['incident:inc-hama']) });
    expect(proposed.map((p) => linkKey(p.link))).toEqual(['exchange:ex-ready', 'exchange:ex-waiting']);
  });

  it('proposes nothing when nothing is pending', () => {
    expect(proposeAgenda([], { meetingAt })).toEqual([]);
  });
});

describe('reasons from states', () => {
  it('says what an exchange waits for', () => {
    expect(exchangeReason('proposed')).toBe('exchange-approval');
    expect(exchangeReason('approved')).toBe('exchange-endorsement');
    expect(exchangeReason('endorsed')).toBe('exchange-execution');
    expect(exchangeReason('completed')).toBeNull();
    expect(exchangeReason('withdrawn')).toBeNull();
  });

  it('says when an action item is due at or overdue by the meeting', () => {
    expect(actionItemReason('2017-03-14', meetingAt)).toBe('action-overdue');
    expect(actionItemReason('2017-03-15', meetingAt)).toBe('action-due');
    expect(actionItemReason('2017-03-20', meetingAt)).toBeNull();
  });
});
