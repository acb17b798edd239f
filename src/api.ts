/**
 * The contract between the panel (sidebar/) and the server (src/entry.ts): what each function
 * called through google.script.run takes and returns. Types only — the sidebar imports nothing
 * else from src/, and these are erased from its bundle.
 */
import type { SetupResult, SetupStatus } from './app/setup';

export type { RoleOption, ScheduledTask, SetupResult, SetupStatus } from './app/setup';
export type { Role } from './domain/schema';

export interface SetupOptions {
  /** Install the automatic tasks for this person even though someone else installed them. */
  takeOverTriggers?: boolean;
}

/** Server functions the panel calls, by name, with their arguments and results. */
export interface ServerApi {
  getSetupStatus(): SetupStatus;
  setupSpreadsheet(role: string, siblingId: string, options?: SetupOptions): SetupResult;
}

// ---------------------------------------------------------------------------- import and walk-in booking (A01) — IMPORT block

import type { BookingResult, WalkInInput } from './app/appointments/booking';
import type { ImportConfirmation, ImportPreview, ImportResult, UndoImportResult } from './app/appointments/import';

export type { ImportConfirmation, ImportCounts, ImportItemView, ImportPreview, ImportResult, RejectedRowView, UndoImportResult } from './app/appointments/import';
export type { BookingResult, WalkInField, WalkInInput } from './app/appointments/booking';

/** A01 server functions (declaration merging: each area adds its own methods to ServerApi). */
export interface ServerApi {
  /** The platform's report as the consultant downloaded it (CSV or XLSX), its bytes in base64 (a data URL is accepted). */
  importReport(fileName: string, base64: string, confirmation?: ImportConfirmation | null): ImportResult;
  /** What importing would do, written nowhere; `planId` confirms exactly that plan. */
  previewImport(fileName: string, base64: string): ImportPreview;
  undoImportCancellations(importId: string): UndoImportResult;
  bookWalkIn(input: WalkInInput): BookingResult;
}

// ---------------------------------------------------------------------------- the consultant's day (A03–A06) — DAY block

import type {
  AbandonInput,
  DayActionResult,
  DayView,
  DayViewOptions,
  FinishInput,
  SaveConsultationInput,
} from './app/day';

export type {
  AbandonInput,
  AllowedActions,
  AppointmentView,
  DayActionResult,
  DayCounts,
  DayScope,
  DayView,
  DayViewOptions,
  DeliveryStatus,
  FinishInput,
  PendingMail,
  SaveConsultationInput,
  ScriptSection,
} from './app/day';

/** A03–A06 server functions: each action answers with the appointment as it is now (no second call). */
export interface ServerApi {
  /** "Citas de hoy" in one round trip: the appointments, catalogues, attention script and counts. */
  getDayView(options?: DayViewOptions): DayView;
  startAttention(id: string): DayActionResult;
  saveConsultation(id: string, input: SaveConsultationInput): DayActionResult;
  inviteToWorkshops(id: string): DayActionResult;
  finishAttention(id: string, input: FinishInput): DayActionResult;
  abandonAppointment(id: string, input: AbandonInput): DayActionResult;
  markExtranetNotified(id: string, done?: boolean): DayActionResult;
  reinstateAppointment(id: string): DayActionResult;
  cancelAppointment(id: string, reason: string): DayActionResult;
}

// ---------------------------------------------------------------------------- reminders, survey linking, day closing (A02, A06, A07) — REMINDERS block

import type { ReviewItemView } from './app/review';

export type { ReviewItemView } from './app/review';

/** What the panel may call in this area (the trigger handlers runReminders, runDayClosing and onSurveySubmit are not for the panel). */
export interface ServerApi {
  /** 'Revisión' items still 'Pendiente', newest first. */
  getReviewItems(): ReviewItemView[];
}

// ---------------------------------------------------------------------------- personal data (Ley 29733)

import type { PersonChangeResult, PersonCorrection, PersonExport, PersonLookupResult } from './app/personal-data/types';

export type { PersonChangeResult, PersonCorrection, PersonExport, PersonFieldView, PersonLookupResult, PersonRecordView } from './app/personal-data/types';

/** Access, rectification and deletion of one person's data by DNI (DESIGN.md "Security and personal data"). */
export interface ServerApi {
  /** Everything this spreadsheet holds on the person with this DNI. */
  findPersonData(dni: string): PersonLookupResult;
  /** The same, as a CSV file for the person (right of access). */
  exportPersonData(dni: string): PersonExport;
  /** Corrects name, email or phone on every row of that DNI (right of rectification). */
  correctPersonData(dni: string, correction: PersonCorrection): PersonChangeResult;
  /** Anonymises every record of that DNI; `confirmation` must repeat the DNI (right of deletion). */
  deletePersonData(dni: string, confirmation: string): PersonChangeResult;
}


// ---------------------------------------------------------------------------- access: the team and «atender en lugar de» — ACCESS block

import type { TeamChangeResult, TeamView } from './app/team';
import type { TeamRole } from './domain/access';

export type { TeamChangeResult, TeamMemberView, TeamView } from './app/team';
export type { TeamRole } from './domain/access';

/** A team member as the panel's form sends it (email, name as the platform's report writes it, roles). */
export interface TeamMemberInput {
  email: string;
  name: string;
  roles: TeamRole[];
}

/**
 * «Equipo y permisos» (coordinators only; docs/access-model.md) and «Atender en lugar de». Any
 * of these — like every other call — may fail with a Spanish refusal, which the panel shows as is.
 */
export interface ServerApi {
  /** Who is a coordinator or a consultant in this spreadsheet. */
  getTeam(): TeamView;
  /** Adds a person or changes their name or roles; the answer carries the team as it is now. */
  saveTeamMember(input: TeamMemberInput): TeamChangeResult;
  /** Takes a person out of the team (the last coordinator cannot be removed). */
  removeTeamMember(email: string): TeamChangeResult;
  /** Takes over another consultant's appointment, saying why (audited); answers with the appointment as this user now sees it. */
  actOnBehalf(id: string, reason: string): DayActionResult;
}

// ---------------------------------------------------------------------------- workshops «Aprende a Emprender»: the programme (B01) — WORKSHOPS block

import type { ModuleInput, ModulesView, SaveModuleResult } from './app/workshops/programme';

export type {
  ModuleField,
  ModuleFieldErrors,
  ModuleInput,
  ModulesView,
  ModuleView,
  SaveModuleResult,
  SessionField,
  SessionInput,
  SessionView,
} from './app/workshops/programme';

/** B01 server functions, in the "Programación Talleres Masivos" spreadsheet. */
export interface ServerApi {
  /** «Módulos»: the modules with their sessions, state and counts, and this spreadsheet's role. */
  getModules(): ModulesView;
  /** Creates a module (no `id`) or edits one (`id`) until its first session starts; per-field errors in Spanish. */
  saveModule(input: ModuleInput): SaveModuleResult;
}

// ---------------------------------------------------------------------------- workshops: sessions and speakers (B02) — SPEAKERS block

import type { InviteSpeakersResult } from './app/workshops/speakers';

export type { InviteSpeakersResult } from './app/workshops/speakers';

/** B02 server functions. */
export interface ServerApi {
  /** «Invitar a los ponentes»: each session's event with Meet and its speaker's invitation, once. */
  inviteSpeakers(moduleId: string): InviteSpeakersResult;
}

// ---------------------------------------------------------------------------- workshops: the Dirección (B03, B04) — DIRECTION block

import type { BannerStateInput, DirectionResult, SendAgainOptions } from './app/workshops/direction';

export type { BannerStateInput, DirectionResult, SendAgainOptions } from './app/workshops/direction';
export type { BannerState, BannerView } from './domain/workshops/banner';

/** B03 and B04 server functions: each answers with the module as the list shows it. */
export interface ServerApi {
  /** «Enviar programación a la Sub Dirección»; sent before: `{ ok: false, confirm }` until called with `{ again: true, previous }`. */
  sendProgramme(moduleId: string, options?: SendAgainOptions): DirectionResult;
  /** «Solicitar banner» to the Dirección; the banner becomes 'Solicitado'; a second request only with `{ again: true, previous }`. */
  requestBanner(moduleId: string, options?: SendAgainOptions): DirectionResult;
  /** «Marcar recibido» (with the banner's https link) / «Marcar validado», in that order. */
  setBannerState(moduleId: string, input: BannerStateInput): DirectionResult;
}

// ---------------------------------------------------------------------------- workshops: the module's panel (B01–B05 stage, registrants) — MODULE PANEL block

import type { ModuleDetail } from './app/workshops/module-view';

export type { ModuleDetail, RegistrantView } from './app/workshops/module-view';
export type { RegistrationCounts } from './app/workshops/module-progress';
export type { ModuleStage, StageStep, StepCode, StepState } from './domain/workshops/stage';

/** The module's detail: every module of `getModules` also carries `stage` and `registrations`. */
export interface ServerApi {
  /** The module with its B01–B05 checklist, its registrants and its waiting list in order. */
  getModuleDetail(moduleId: string): ModuleDetail;
}

// ---------------------------------------------------------------------------- workshops: registration (B05) — REGISTRATION block

import type { OpenRegistrationResult, PlaceChange, RegistrationResult } from './app/workshops/registration';

export type { OpenRegistrationResult, PlaceChange, RegistrationResult } from './app/workshops/registration';

export interface ServerApi {
  /** «Abrir inscripción»: the module becomes a choice of the one registration form; its link is written on the module. */
  openRegistration(moduleId: string): OpenRegistrationResult;
  /** «Revisar respuestas pendientes»: responses no execution handled yet become registrations now. */
  processPendingRegistrations(): RegistrationResult;
  /** «Anular» (with a reason, ≥ 5 characters): the place goes to the first person waiting, who is told once. */
  annulRegistration(registrationId: string, reason: string): PlaceChange;
}

// ---------------------------------------------------------------------------- workshops: a module's files in Drive (B04, B05) — FILES block

import type { BannerUpload } from './app/workshops/banner-file';
import type { FilesResult } from './app/workshops/folder';

export type { BannerUpload } from './app/workshops/banner-file';
export type { FilesResult } from './app/workshops/folder';

/** The ficha técnica and the banner's file: each answers with the file's link and the module as the list shows it. */
export interface ServerApi {
  /** «Ficha técnica: Generar»: the PDF in the module's Drive folder; regenerating replaces the previous one. */
  generateFactSheet(moduleId: string): FilesResult;
  /** «Subir banner»: PNG, JPG or PDF up to 5 MB (checked by its bytes); the banner becomes 'Recibido' with the file's link. */
  uploadBanner(moduleId: string, file: BannerUpload): FilesResult;
}

// ---------------------------------------------------------------------------- workshops: invitations (B05) — INVITATIONS block

import type { InvitationActionResult, InvitationFile, InvitationStatus } from './app/workshops/invitations';

export type { InvitationActionResult, InvitationFile, InvitationStatus } from './app/workshops/invitations';

/** B05 invitation server functions. */
export interface ServerApi {
  /** «Enviar invitaciones»: queues the module's audience and starts the job; refused with the reason until the banner is validated and registration open. */
  sendInvitations(moduleId: string): InvitationActionResult;
  /** Imports a CSV/XLSX list ('Correo', optional 'Nombre') with its declared legal basis (≥ 10 characters). */
  importInvitationList(moduleId: string, file: InvitationFile, legalBasis: string): InvitationActionResult;
  /** Counts (queued, sent, skipped, waiting for quota), whether invitations may go, why not, and whether the web app is missing. */
  getInvitationStatus(moduleId: string): InvitationStatus;
}

// ---------------------------------------------------------------------------- workshops: Silnet, WhatsApp, the closing (B10, B11; issue 12) — SILNET block

import type { ContactsResult, SilnetConfirmResult, SilnetExportResult, SilnetStatusResult } from './app/workshops/silnet';
import type { ClosingResult } from './app/workshops/closing';

export type { ContactsResult, SilnetConfirmResult, SilnetExport, SilnetExportResult, SilnetStatus, SilnetStatusResult } from './app/workshops/silnet';
export type { ClosingResult, ClosingView, PresenterView } from './app/workshops/closing';

/** B10 and B11 server functions (issue 12, items 6 and 7). */
export interface ServerApi {
  getSilnetStatus(moduleId: string): SilnetStatusResult;
  /** «Exportar para Silnet»: CSV (with BOM) and XLSX (base64) of the participants not yet registered, with the export's ID. */
  exportSilnet(moduleId: string): SilnetExportResult;
  /** «Confirmar carga en Silnet»: the export's ID and its registration IDs, as `exportSilnet` gave them. */
  confirmSilnetUpload(moduleId: string, exportId: string, registrationIds: string[]): SilnetConfirmResult;
  exportWhatsappContacts(moduleId: string): ContactsResult;
  getClosingView(moduleId: string): ClosingResult;
  saveClosingOrder(moduleId: string, registrationIds: string[]): ClosingResult;
  sendClosingOrder(moduleId: string): ClosingResult;
}

// ---------------------------------------------------------------------------- workshops: a session's attendance (B09) — ATTENDANCE block (i12-attendance)

import type { AttendanceActionResult } from './app/workshops/attendance';
import type { SessionDetail } from './app/workshops/session-view';

export type { AttendanceActionResult, UnmatchedView } from './app/workshops/attendance';
export type { AttendanceLine, RunningAttendance, SessionDetail, SessionMailCount } from './app/workshops/session-view';

/** The session screen and its attendance actions. */
export interface ServerApi {
  /** The session: emails per kind, attendance with each mark's source and disagreements, the Meet report's unmatched people, the module's running attendance. */
  getSessionDetail(sessionId: string): SessionDetail;
  /** «Importar reporte de Meet»: the report's link or ID; marks merged (hand marks kept), unmatched participants listed. */
  importMeetReport(sessionId: string, link: string): AttendanceActionResult;
  /** «Asignar»: a participant of the imported report (by its key) given to a registrant. */
  matchMeetParticipant(sessionId: string, participantKey: string, registrationId: string): AttendanceActionResult;
  /** «Presente» / «Ausente» by hand for one registrant. */
  markSessionAttendance(sessionId: string, registrationId: string, present: boolean): AttendanceActionResult;
  /** «Todos presentes»: everyone without a hand mark. */
  markAllPresent(sessionId: string): AttendanceActionResult;
}

// ---------------------------------------------------------------------------- workshops: the check-in form's link (B09) — CHECKIN block

/** The session's check-in link for the Meet chat (issue 12, B09). */
export interface ServerApi {
  /** The check-in form's prefilled link for the session; `url` null when there is none (no form yet, cancelled, over). */
  getCheckinLink(sessionId: string): { ok: boolean; url: string | null };
}

// ---------------------------------------------------------------------------- workshops: a session's sends (B06–B08) — SESSION SENDS block

import type { AccessActionResult } from './app/workshops/access-links';
import type { SessionSurveyResult } from './app/workshops/survey';

export type { AccessActionResult } from './app/workshops/access-links';
export type { SessionSurveyResult } from './app/workshops/survey';

/** The session screen's two sends (issue 12). */
export interface ServerApi {
  /** «Enviar enlaces ahora»: the access links and the speaker's brief the session still misses. */
  sendSessionAccessLinks(sessionId: string): AccessActionResult;
  /** «Enviar encuesta ahora»: the survey to the people marked present and not yet surveyed. */
  sendSessionSurvey(sessionId: string): SessionSurveyResult;
}

// ---------------------------------------------------------------------------- workshops: consolidation and report to the Dirección (B12; issue 13) — REPORT block (i13-report)

import type { ModuleReportView, ReportSendResult } from './app/workshops/module-report';
import type { ConsolidationResult } from './app/workshops/consolidation';

export type { ModuleReportView, ReportSendResult, ReportState } from './app/workshops/module-report';
export type { ConsolidationResult } from './app/workshops/consolidation';

/** «Consolidado e informe» of a module (issue 13, items 1 and 5). */
export interface ServerApi {
  getModuleReportView(moduleId: string): ModuleReportView;
  /** «Consolidar»: the module's attendance and survey tabs rewritten whole, with their charts. */
  consolidateModule(moduleId: string): ConsolidationResult;
  /** «Enviar informe a la Dirección» (false) / «Enviar nueva versión» (true); `seenVersion`: the version the panel showed. Coordinators only. */
  sendModuleReport(moduleId: string, newVersion: boolean, seenVersion?: number): ReportSendResult;
}
// ---------------------------------------------------------------------------- workshops: certificates (B12; issue 13) — CERTIFICATES block (i13-certs)

import type { CertificateActionResult, CertificatesView } from './app/workshops/certificates';

export type { CertificateActionResult, CertificatePersonView, CertificatesView } from './app/workshops/certificates';
export type { CertificateProgress, TemplateCheck } from './domain/workshops/certificates';

/** The module's certificates (issue 13, B12 items 2–4). */
export interface ServerApi {
  /** Template check (missing placeholders), progress (issued / to issue / waiting for quota / errors), each person's code, state and PDF. */
  getCertificatesView(moduleId: string): CertificatesView;
  /** «Vista previa»: one certificate (the chosen participant, or the first who meets the rule) as a PDF 'Vista previa - …'; not issued, not sent; `url` is the PDF. */
  previewCertificate(moduleId: string, registrationId?: string): CertificateActionResult;
  /** «Emitir certificados»: starts the job (it goes on by itself across executions and days) and answers at once with `view`. */
  issueCertificates(moduleId: string): CertificateActionResult;
  /** «Corregir nombre y reemitir» (coordinator): new code (`code`), old one 'Reemplazado', new PDF emailed, old PDF retired. */
  reissueCertificate(code: string, correctedName: string): CertificateActionResult;
  /** «Revocar» (coordinator): reason required; state 'Revocado', PDF retired. */
  revokeCertificate(code: string, reason: string): CertificateActionResult;
}

// ---------------------------------------------------------------------------- external workshops (C01–C04; issue 14) — EXTERNAL block

import type { ApprovalProposalInput, DecisionInput, ExternalActionResult, ExternalDetailResult, ExternalRequestsView } from './app/external/types';

export type {
  ApprovalField,
  ApprovalProposalInput,
  DecisionInput,
  ExternalActionResult,
  ExternalDetailResult,
  ExternalRequestDetail,
  ExternalRequestSummary,
  ExternalRequestsView,
  SlotView,
  TimingStepView,
  TimingsView,
} from './app/external/types';

/** «Solicitudes externas» (issue 14). */
export interface ServerApi {
  /** Every request with its state and next step (consultants of Talleres). */
  getExternalRequests(): ExternalRequestsView;
  getExternalRequestDetail(requestId: string): ExternalDetailResult;
  /** «Enviar a aprobación»: the proposal emailed to the Sub Director with approve/reject links (a new round each time). */
  sendExternalForApproval(input: ApprovalProposalInput): ExternalActionResult;
  /** «Registrar decisión» (coordinator): approved or rejected outside the link; exactly one decision wins. */
  recordExternalDecision(input: DecisionInput): ExternalActionResult;
}

// ---------------------------------------------------------------------------- indicators (issue 15) — INDICATORS block

import type { IndicatorsView } from './app/indicators/panel';

export type { IndicatorsView } from './app/indicators/panel';
export type { IndicatorCell, IndicatorSection, IndicatorTable } from './domain/indicators/sections';
export type { PeriodKind } from './domain/indicators/period';

export interface ServerApi {
  /** «Indicadores»: recomputes this spreadsheet's «Indicadores» tab for the period kind chosen (kept for the automatic refreshes) and returns its figures. */
  refreshIndicators(kind?: string): IndicatorsView;
}
