import { compare, enc, sealed, type Checker } from './common.ts';

interface IncidentView {
  replyTexts: Array<{ id: string; partyId: string; text: string | null; evidence: string[]; withheld: boolean }>;
  assessments: Array<{
    id: string;
    round: number;
    guarantorId: string;
    verification: string;
    attribution: unknown;
    reasoning: string | null;
    reasoningWithheld: boolean;
  }>;
}

/** A reply: kept as written (a party replies again with a new reply), so it must be served as recorded. */
const reply: Checker = async (c) => {
  const { incident = '', reply: id = '' } = c.entry.subject ?? {};
  const view = (await c.api.json(`/api/incidents/${enc(incident)}`)) as IncidentView;
  const served = view.replyTexts.find((r) => r.id === id);
  const item = `reply ${id}`;
  if (!served) return c.diverges(`${item} of incident ${incident}`, '*', 'not served');
  if (c.entry.actor) compare(c, item, 'partyId', c.entry.actor.organisation, served.partyId);
  if (served.withheld) return c.note(`reply ${id}: its text and evidence are not disclosed to you`);
  sealed(c, item, 'text', served.text);
  compare(c, item, 'evidence', c.entry.data?.evidence, served.evidence);
};

/** An assessment: each guarantor's assessment is a row of its own, never changed, so served as recorded. */
const assessment: Checker = async (c) => {
  const { incident = '', assessment: id = '' } = c.entry.subject ?? {};
  const view = (await c.api.json(`/api/incidents/${enc(incident)}`)) as IncidentView;
  const served = view.assessments.find((a) => a.id === id);
  const item = `assessment ${id}`;
  if (!served) return c.diverges(`${item} of incident ${incident}`, '*', 'not served');
  for (const field of ['round', 'verification', 'attribution'] as const) compare(c, item, field, c.entry.data?.[field], served[field]);
  if (c.entry.actor) compare(c, item, 'guarantorId', c.entry.actor.organisation, served.guarantorId);
  if (served.reasoningWithheld) c.note(`${item}: its reasoning is not disclosed to you`);
  else sealed(c, item, 'reasoning', served.reasoning);
};

export const incidentCheckers: Record<string, Checker> = { 'incident.replied': reply, 'incident.assessed': assessment };
