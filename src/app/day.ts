/**
 * The consultant's day (A03–A06): the "Citas de hoy" view and the actions on one appointment.
 * The pieces live in ./day/; this module is the area's public face for src/entry/day.ts.
 */
export { getDayView, USER_PLACEHOLDER, type DayViewDeps } from './day/load';
export { abandonAppointment, cancelAppointment, finishAttention, markExtranetNotified, reinstateAppointment, saveConsultation, startAttention } from './day/actions';
export { inviteToWorkshops } from './workshops-invitation';
export { actOnBehalf } from './day/take-over';
export { PENDING_MAIL_DAYS, sendPendingAttentionMail, type PendingMailDeps, type PendingMailResult } from './day/pending-mail';
export type { DayDeps } from './day/action';
export type * from './day/types';
