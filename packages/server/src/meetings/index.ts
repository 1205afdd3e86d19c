/** The meetings module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { approveDecision } from './approve-decision.ts';
export { assignAction } from './assign-action-item.ts';
export { changeItem } from './change-agenda-item.ts';
export { changeMeeting } from './change-meeting.ts';
export { markDone } from './mark-action-item-done.ts';
export { proposal } from './propose-agenda.ts';
export { recordAttendance } from './record-attendance.ts';
export { recordDecision } from './record-decision.ts';
export { scheduleExchange } from './schedule-exchange.ts';
export { scheduleMeeting } from './schedule-meeting.ts';
export { setAgenda } from './set-agenda.ts';
export { viewMeeting } from './view-meeting.ts';
