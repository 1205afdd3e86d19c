import { describe, expect, it } from 'vitest';
import { replyPeriod } from './reply-period.ts';
import { isStalemate, type Assessment } from './findings.ts';
import { audiencesOf, DEFAULT_DISCLOSURE, discloses, parseDisclosure } from './disclosure.ts';

const now = Date.parse('2017-02-05T12:00:00Z');
const later = '2017-02-06T12:00:00Z';
const earlier = '2017-02-04T12:00:00Z';

describe('the reply period', () => {
  it('is open while an accused party has not replied before the deadline', () => {
    expect(replyPeriod({ allegedPartyIds: ['a', 'b'], repliedPartyIds: ['a'], deadline: later, endedAt: null }, now)).toEqual({
      open: true,
      awaitedPartyIds: ['b'],
      closedBy: null,
    });
  });
  it('closes when every accused party replied, the deadline passed or the secretariat ended it', () => {
    expect(replyPeriod({ allegedPartyIds: ['a'], repliedPartyIds: ['a'], deadline: later, endedAt: null }, now).closedBy).toBe('replies');
    expect(replyPeriod({ allegedPartyIds: ['a'], repliedPartyIds: [], deadline: earlier, endedAt: null }, now).closedBy).toBe('deadline');
    expect(replyPeriod({ allegedPartyIds: ['a'], repliedPartyIds: [], deadline: later, endedAt: earlier }, now).closedBy).toBe('ended-early');
  });
  it('has nothing to wait for when no party is accused', () => {
    expect(replyPeriod({ allegedPartyIds: [], repliedPartyIds: [], deadline: later, endedAt: null }, now).open).toBe(false);
  });
});

describe('a stalemate among the guarantors', () => {
  const G = ['r', 't', 'i'];
  const a = (guarantorId: string, verification: Assessment['verification']): Assessment => ({
    guarantorId,
    verification,
    attribution: { kind: 'undetermined' },
  });
  it('under consensus: any two differing positions', () => {
    expect(isStalemate('consensus', G, [a('r', 'corroborated'), a('t', 'not-corroborated')])).toBe(true);
    expect(isStalemate('consensus', G, [a('r', 'inadmissible'), a('t', 'inadmissible')])).toBe(false);
  });
  it('under majority: only when no position can reach a majority', () => {
    expect(isStalemate('majority', G, [a('r', 'corroborated'), a('t', 'not-corroborated')])).toBe(false);
    expect(isStalemate('majority', G, [a('r', 'corroborated'), a('t', 'not-corroborated'), a('i', 'inadmissible')])).toBe(true);
  });
});

describe('what an adopted incident discloses', () => {
  const incident = { reporterOrgIds: ['gov'], allegedPartyIds: ['dawn'], affectedPartyIds: ['gov', 'union'], findingAdopted: true };
  const party = (orgId: string) => ({ userId: 'u', orgId, orgKind: 'party' as const, role: 'viewer' as const });
  it('by default: reasoning and reply to the reporting and the accused party, not to others', () => {
    expect(discloses(DEFAULT_DISCLOSURE, 'reasoning', party('gov'), incident)).toBe(true);
    expect(discloses(DEFAULT_DISCLOSURE, 'reply', party('dawn'), incident)).toBe(true);
    expect(discloses(DEFAULT_DISCLOSURE, 'reply', party('union'), incident)).toBe(false);
    expect(discloses(DEFAULT_DISCLOSURE, 'reasoning', party('orontes'), incident)).toBe(false);
    expect(discloses(DEFAULT_DISCLOSURE, 'reasoning', { userId: 'u', orgId: 'un', orgKind: 'observer', role: 'viewer' }, incident)).toBe(false);
    expect(discloses(DEFAULT_DISCLOSURE, 'reasoning', { userId: 'u', orgId: 'ru', orgKind: 'guarantor', role: 'viewer' }, incident)).toBe(true);
  });
  it('names each reader’s audiences and reads a stored setting defensively', () => {
    expect(audiencesOf(party('gov'), incident)).toEqual(['reporting-party', 'affected-party']);
    expect(audiencesOf(party('orontes'), incident)).toEqual(['other-parties']);
    expect(parseDisclosure({ reasoning: ['other-parties', 'bogus'] })).toEqual({ reasoning: ['other-parties'], reply: DEFAULT_DISCLOSURE.reply });
  });
});
