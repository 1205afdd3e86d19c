/** The meetings module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { assignAction, markDone, scheduleExchange } from './actions.ts';
export { changeItem, proposal, setAgenda } from './agenda.ts';
export { approveDecision, recordDecision } from './decisions.ts';
export { changeMeeting, recordAttendance, scheduleMeeting } from './meetings.ts';
export { viewMeeting } from './view.ts';
