/**
 * Who may call each global function of the bundle: ONE declaration per function, here.
 *
 * Every function in dist/Code.js can be called by name with google.script.run by anyone who can
 * open the panel (and from the script editor), so each declares what it requires of its caller
 * (src/domain/access.ts). The build refuses an export missing from this table
 * (scripts/build.ts), and test/scenario/access.test.ts calls every export of the built bundle as
 * a stranger and expects a refusal (or, for 'anyone', nothing of the service's data).
 */
import type { Requirement } from '../domain/access';

export const ENTRY_ACCESS = {
  // Simple triggers and harmless menu items: the menu, "Acerca de".
  onOpen: 'anyone',
  onInstall: 'anyone',
  showAbout: 'anyone',

  // The panel and the consultant's work (their own day).
  showSidebar: 'member',
  getDayView: 'member',
  startAttention: 'member',
  saveConsultation: 'member',
  inviteToWorkshops: 'member',
  finishAttention: 'member',
  abandonAppointment: 'member',
  reinstateAppointment: 'member',
  cancelAppointment: 'member',
  markExtranetNotified: 'member',
  actOnBehalf: 'member',
  importReport: 'member',
  bookWalkIn: 'member',
  // Import preview and undo of an import's cancellations (issue 10 item 2).
  previewImport: 'member',
  undoImportCancellations: 'member',
  getReviewItems: 'member',
  findPersonData: 'member',
  exportPersonData: 'member',
  correctPersonData: 'member',
  // Workshops (B01): consultants organise the modules.
  getModules: 'member',
  // The module's panel (B01–B05 stage, registrants and waiting list): consultants run the modules.
  getModuleDetail: 'member',
  saveModule: 'member',
  // The Dirección (B03, B04): the programme to the Sub Director, the banner.
  sendProgramme: 'member',
  requestBanner: 'member',
  setBannerState: 'member',
  // Sessions and speakers (B02).
  inviteSpeakers: 'member',
  // Registration (B05).
  openRegistration: 'member',
  processPendingRegistrations: 'member',
  annulRegistration: 'member',
  // Check-in link of a session (B09, i12-checkin).
  getCheckinLink: 'member',
  // A module's files in Drive (B04 banner upload, B05 ficha técnica).
  generateFactSheet: 'member',
  uploadBanner: 'member',
  // Invitations (B05): the module's audience, the imported lists, the job's state.
  sendInvitations: 'member',
  importInvitationList: 'member',
  getInvitationStatus: 'member',
  // Issue 12 (i12-silnet): B10 Silnet export/confirmation and WhatsApp contacts, B11 the closing's order.
  getSilnetStatus: 'member',
  exportSilnet: 'member',
  confirmSilnetUpload: 'member',
  exportWhatsappContacts: 'member',
  getClosingView: 'member',
  saveClosingOrder: 'member',
  sendClosingOrder: 'member',
  // Attendance of a session (B09) and the session screen (issue 12, i12-attendance).
  getSessionDetail: 'member',
  importMeetReport: 'member',
  matchMeetParticipant: 'member',
  markSessionAttendance: 'member',
  markAllPresent: 'member',
  // Access links before a session (issue 12, B06–B07): «Enviar enlaces de acceso» of the session screen.
  sendSessionAccessLinks: 'member',
  // B08 the workshop survey (issue 12): «Enviar encuesta» of a session.
  sendSessionSurvey: 'member',
  // B12 (issue 13, i13-report): «Consolidado e informe» — the figures, «Consolidar»; the report to the Dirección speaks for the service.
  getModuleReportView: 'member',
  consolidateModule: 'member',
  sendModuleReport: 'coordinator',
  // Issue 13 (i13-certs): B12 certificates — view, preview and issuing are a consultant's; reissue and revoke a coordinator's.
  getCertificatesView: 'member',
  previewCertificate: 'member',
  issueCertificates: 'member',
  reissueCertificate: 'coordinator',
  revokeCertificate: 'coordinator',
  // Issue 14 (i14-decision): C01 an institution's request — the proposal to the Sub Director is a Talleres consultant's; a decision recorded in the panel a coordinator's.
  sendExternalForApproval: 'member',
  recordExternalDecision: 'coordinator',
  // Issue 14 (i14-panel): «Solicitudes externas» (C01–C04) — the list and a request's detail.
  getExternalRequests: 'member',
  getExternalRequestDetail: 'member',
  // Issue 15 (i15-attn): «Indicadores» — recompute this spreadsheet's tab for the chosen period and show its figures.
  refreshIndicators: 'member',

  // The coordination: setup, the team, deletions.
  showSetup: 'setup',
  getSetupStatus: 'setup',
  setupSpreadsheet: 'setup',
  getTeam: 'coordinator',
  saveTeamMember: 'coordinator',
  removeTeamMember: 'coordinator',
  deletePersonData: 'coordinator',
  runDiagnostics: 'coordinator',

  // Only this project's own installable triggers.
  runReminders: 'trigger',
  runDayClosing: 'trigger',
  onSurveySubmit: 'trigger',
  onRegistrationSubmit: 'trigger',
  runRegistrationSweep: 'trigger',
  // Check-in form «Formato de asistencia» (B09, i12-checkin).
  onCheckinSubmit: 'trigger',
  runCheckinSweep: 'trigger',

  // The web app (docs/web-app.md): anyone with a link; acts only on a valid signed token.
  doGet: 'link',
  doPost: 'link',
  runInvitations: 'trigger',
  // The session clock (issue 12): one handler for every duty of the running sessions.
  runSessionClock: 'trigger',
  // B08 the workshop survey (issue 12): the form's submit trigger and the survey run's continuations.
  onWorkshopSurveySubmit: 'trigger',
  runWorkshopSurveys: 'trigger',
  // Issue 13 (i13-certs): the certificate issuing job's continuations.
  runCertificates: 'trigger',
  // Issue 14 (i14-workshop): an approved external request becomes its workshop (C02–C04).
  runExternalRequests: 'trigger',
  // Issue 14 (i14-intake): the institutions' request form (C01): its submit trigger and the sweep of lost submissions.
  onExternalRequestSubmit: 'trigger',
  runExternalRequestSweep: 'trigger',
} as const satisfies Record<string, Requirement>;

export type EntryName = keyof typeof ENTRY_ACCESS;
