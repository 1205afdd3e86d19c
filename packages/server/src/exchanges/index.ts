/** The exchanges module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { approve } from './approve-exchange.ts';
export { endorse } from './endorse-exchange.ts';
export { stats } from './exchange-stats.ts';
export { list } from './list-exchanges.ts';
export { byListAndRef, propose, type PersonPick, type ProposalInput } from './propose-exchange.ts';
export { recordOutcome, type OutcomeInput } from './record-outcome.ts';
export { schedule } from './schedule-exchange.ts';
export { detail } from './show-exchange.ts';
export { withdraw } from './withdraw-exchange.ts';
