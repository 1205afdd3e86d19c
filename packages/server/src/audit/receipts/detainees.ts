import { compare, enc, laterEntries, opens, sealed, type Check, type Checker } from './common.ts';

interface ListDetail {
  partyId: string;
  kind: string;
  version: number;
  versions: Array<{ version: number; fileSha256: string | null; personCount: number; added: number; removed: number; changed: number }>;
}

/** What personsPage adds around each stored record; the rest is the record the version committed to. */
const ADDED = ['status', 'statusAt', 'sinceVersion', 'matchedParty'];
const PAGE = 500;

/** The persons of a list at a version, as the server serves them to this reader, in ref order (the order the entry committed to). */
async function personsAt(c: Check, listId: string, version: number) {
  const out: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = (await c.api.json(`/api/detainee-lists/${enc(listId)}/persons?version=${version}&limit=${PAGE}&offset=${offset}`)) as {
      persons: Record<string, unknown>[];
    };
    out.push(...page.persons.map((p) => Object.fromEntries(Object.entries(p).filter(([k]) => !ADDED.includes(k)))));
    if (page.persons.length < PAGE) break;
  }
  return out.sort((a, b) => (String(a.ref) < String(b.ref) ? -1 : String(a.ref) > String(b.ref) ? 1 : 0));
}

/**
 * A version of a detainee list: the list's party and kind, the version's counts and file
 * hash, and its persons (as served at that version) against the commitment. Versions are
 * kept, so the version is served as it was written whatever came after.
 */
const listVersion: Checker = async (c) => {
  const id = c.entry.subject?.list ?? '';
  const data = c.entry.data ?? {};
  const n = Number(data.version);
  const item = `detainee list ${id} v${n}`;
  const list = (await c.api.json(`/api/detainee-lists/${enc(id)}`)) as ListDetail;
  compare(c, `detainee list ${id}`, 'partyId', data.party, list.partyId);
  compare(c, `detainee list ${id}`, 'kind', data.kind, list.kind);
  const served = list.versions.find((v) => v.version === n);
  if (!served) return c.diverges(item, '*', 'this version is not served');
  compare(c, item, 'persons', data.persons, served.personCount);
  for (const field of ['added', 'removed', 'changed'] as const) compare(c, item, field, data[field], served[field]);
  compare(c, item, 'fileSha256', data.fileSha256 ?? null, served.fileSha256);
  if (c.salts.has('persons')) sealed(c, item, 'persons', await personsAt(c, id, n));
  if (c.entry.commitments?.note !== undefined) c.note(`${item}: the version's note is not served, so it is not compared`);
};

interface Decision {
  soughtRef: string;
  heldRef: string;
  decision: string;
  note: string;
  score: number | null;
  version: number;
  decidedOrg: string;
}

/**
 * A reviewer's decision on a pair of persons: found among the decisions served on the two
 * lists by opening its sealed refs. A pair decided again later is served at its later
 * version; the audit checks that a later entry on the same pair says so.
 */
const decided: Checker = async (c) => {
  const { soughtList = '', heldList = '' } = c.entry.subject ?? {};
  const data = c.entry.data ?? {};
  const pairs = `match decision on lists ${soughtList}/${heldList}`;
  if (!c.salts.has('soughtRef') || !c.salts.has('heldRef')) return c.note(`${pairs}: the persons it is about are not disclosed to you`);
  const { decisions } = (await c.api.json(`/api/match-decisions?soughtListId=${enc(soughtList)}&heldListId=${enc(heldList)}`)) as { decisions: Decision[] };
  const served = decisions.find((d) => opens(c.entry, c.salts, 'soughtRef', d.soughtRef) && opens(c.entry, c.salts, 'heldRef', d.heldRef));
  if (!served) return c.diverges(pairs, '*', 'no decision on the pair of persons the entry recorded is served');
  const item = `match decision ${served.soughtRef}/${served.heldRef}`;
  if (served.version !== Number(data.version)) {
    const later = (await laterEntries(c, 'soughtList', soughtList, [c.entry.type])).find(
      (l) =>
        Number(l.entry.data?.version) === served.version &&
        l.entry.subject?.heldList === heldList &&
        opens(l.entry, l.salts, 'soughtRef', served.soughtRef) &&
        opens(l.entry, l.salts, 'heldRef', served.heldRef),
    );
    if (later) return c.note(`${item}: decided again by entry ${later.index} (version ${served.version}); this entry's decision is no longer the one served`);
    return compare(c, item, 'version', data.version, served.version);
  }
  compare(c, item, 'decision', data.decision, served.decision);
  compare(c, item, 'score', data.score ?? null, served.score);
  if (c.entry.actor) compare(c, item, 'decidedOrg', c.entry.actor.organisation, served.decidedOrg);
  sealed(c, item, 'note', served.note);
};

export const detaineeCheckers: Record<string, Checker> = {
  'detainees.list.version': listVersion,
  'detainees.match.decided': decided,
  'detainees.duplicate.decided': decided,
};
