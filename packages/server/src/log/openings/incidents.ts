import { viewIncident } from '../../incidents/index.ts';
import type { OpeningRule } from './rule.ts';

/** A reply's text: to those the incident view shows it to (404 unless the reader may read the incident). */
const reply: OpeningRule = async (ctx, auth, entry, fields) => {
  const incident = await viewIncident(ctx.db, auth, entry.subject.incident ?? '', ctx.clock.now());
  const served = incident.replyTexts.find((r) => r.id === entry.subject.reply);
  return new Map(fields.map((f) => [f, f === 'text' && served && !served.withheld ? true : 'the reply text is not disclosed to you']));
};

/** An assessment's reasoning: to those the incident view shows it to (after adoption, the mechanism's disclosure setting). */
const assessment: OpeningRule = async (ctx, auth, entry, fields) => {
  const incident = await viewIncident(ctx.db, auth, entry.subject.incident ?? '', ctx.clock.now());
  const served = incident.assessments.find((a) => a.id === entry.subject.assessment);
  return new Map(fields.map((f) => [f, f === 'reasoning' && served && !served.reasoningWithheld ? true : 'the reasoning is not disclosed to you']));
};

export const incidentRules: Record<string, OpeningRule> = { 'incident.replied': reply, 'incident.assessed': assessment };
