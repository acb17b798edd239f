/**
 * What the day view (A03–A06) sends to the panel. Everything here crosses google.script.run, so
 * it is plain data: strings, numbers, booleans, arrays and objects — never a Date (the page
 * would receive null). Instants are epoch milliseconds; texts for people are Spanish.
 * src/api.ts re-exports these types for the sidebar.
 */
import type { AppointmentStatus, DeliveryStatus } from '../../domain/appointment';
import type { ScriptSection } from '../../domain/messages/attention-script';

export type { AppointmentStatus, DeliveryStatus, ScriptSection };

export type DayScope = 'mine' | 'all';

export interface DayViewOptions {
  /**
   * 'mine': appointments whose Consultor is the person using the panel; 'all': the whole day.
   * Absent: 'mine' for a consultant the settings know by name, else 'all'.
   */
  scope?: DayScope;
}

/** Which buttons make sense for an appointment right now (the server still checks on click). */
export interface AllowedActions {
  start: boolean;
  finish: boolean;
  /** Allowed by status; before the end of the tolerance the server refuses with the time it opens. */
  abandon: boolean;
  saveConsultation: boolean;
  invite: boolean;
  /** "Reactivar": an abandoned appointment the same day, a cancelled one still ahead. */
  reinstate: boolean;
  /** «Atender en lugar de»: another consultant's appointment this user may take over, with a reason. */
  onBehalf: boolean;
  /** «Cancelar cita» by hand, with a reason: any 'Programada' one (today, later, or an earlier day's leftover). */
  cancel: boolean;
}

/** One appointment as the panel shows it. */
export interface AppointmentView {
  id: string;
  /** '15:30' (Lima). */
  time: string;
  /** '3:30 p. m.' (Lima). */
  timeText: string;
  /** The appointment's Lima date, 'jueves 3 de diciembre de 2026'. */
  dateText: string;
  /** Of a Lima day before today (shown under «Pendientes de días anteriores» while open). */
  earlier: boolean;
  /** The appointment's instant, epoch ms: the countdown and the 5-minute tolerance run from it. */
  startMs: number;
  /**
   * The server's time when this view was made, epoch ms. An action answers with one appointment
   * only: the page re-measures its offset from the server's clock with it, so the countdowns
   * never run on the page's own (possibly wrong or stale) clock.
   */
  asOfMs: number;
  /** startMs + tolerance: from then on the appointment may be marked abandoned. */
  toleranceEndsMs: number;
  fullName: string;
  documentType: string;
  dni: string;
  email: string;
  /** 'mailto:…' or '' when the email is missing. */
  mailto: string;
  /** The phone as typed or canonical ('+51 987654321'). */
  phone: string;
  /** 'tel:+51987654321' or '' when there is no number to call. */
  telUrl: string;
  /** 'https://wa.me/51987654321' for a Peruvian mobile, '' otherwise. */
  whatsappUrl: string;
  /** The Google Meet link ('' until the reminder run creates the event). */
  meetUrl: string;
  consultant: string;
  /** True when the panel user may work on it: theirs, or taken over «en lugar de». */
  mine: boolean;
  /** Taken over «en lugar de» (audited) rather than theirs. */
  onBehalf: boolean;
  /** Another consultant's, seen by a consultant: contact data withheld. */
  restricted: boolean;
  /** The 'Estado' cell; '' never: an empty cell reads 'Programada'. Unknown text is passed as is. */
  status: AppointmentStatus | string;
  /** Set when 'Estado' holds a word outside the list: why the buttons are off. */
  statusProblem: string;
  reminderStatus: DeliveryStatus;
  reminderText: string;
  extranetNotified: boolean;
  /** The ready-to-paste extranet notice; '' while there is no Meet link (see extranetHelp). */
  extranetMessage: string;
  extranetHelp: string;
  topic: string;
  notes: string;
  observations: string;
  /** 'Observaciones' as the consultant wrote them (line breaks kept), without the system's notes. */
  consultantObservations: string;
  /** The system's notes from 'Observaciones' («Reactivada el …», «Abandonada: …»), one per line. */
  systemNotes: string[];
  abandonReason: string;
  /** Epoch ms of 'Iniciar' / 'Finalizar'; null when not recorded. */
  startedAtMs: number | null;
  endedAtMs: number | null;
  durationMinutes: number | null;
  surveyStatus: DeliveryStatus;
  surveyText: string;
  abandonmentEmailStatus: DeliveryStatus;
  abandonmentEmailText: string;
  invitationStatus: DeliveryStatus;
  invitationText: string;
  allowed: AllowedActions;
}

export interface DayCounts {
  total: number;
  attended: number;
  abandoned: number;
  /** 'Programada' or 'En atención'. */
  open: number;
  cancelled: number;
}

/** Emails the reminders job could not send yet (quota), from the REMINDERS area. */
export interface PendingMail {
  count: number;
  /** A sentence for the consultant ('12 correos esperan cuota …'); '' when nothing waits. */
  message: string;
}

export interface DayView {
  /** False when the spreadsheet cannot show a day (not set up, other role): see `message`. */
  ready: boolean;
  message: string;
  /** This spreadsheet's name (the panel's subtitle). */
  spreadsheetName: string;
  /** Lima date 'yyyy-mm-dd' and 'viernes 27 de noviembre de 2026'. */
  dayKey: string;
  dateText: string;
  /** The server's clock (epoch ms) when the view was made: the page's countdown corrects its own clock with it. */
  now: number;
  scope: DayScope;
  user: { email: string; name: string; isConsultant: boolean; isCoordinator: boolean };
  toleranceMinutes: number;
  standardMinutes: number;
  appointments: AppointmentView[];
  /**
   * «Pendientes de días anteriores»: the user's own appointments (or taken over «en lugar de») of
   * earlier Lima days still 'Programada' or 'En atención', oldest first — whatever the scope.
   */
  earlier: AppointmentView[];
  /** Counts of the appointments listed (the scope's). */
  counts: DayCounts;
  /** Appointments of the day that are the user's, and of everyone. */
  mineCount: number;
  allCount: number;
  catalogues: { topics: string[]; abandonReasons: string[] };
  /** The attention script with the consultant's name; '{usuario}' is left for the page to fill per appointment. */
  attentionScript: ScriptSection[];
  /** Rows of 'Revisión' still 'Pendiente'. */
  reviewCount: number;
  pendingMail?: PendingMail;
  /** Things the consultant should know (settings problems, rows with bad dates). */
  notices: string[];
}

/** What every action of the day answers: the appointment as it is now, so the page needs no second call. */
export type DayActionResult =
  | {
      ok: true;
      appointment: AppointmentView;
      /** What happened, in Spanish (several sentences: the action and its email). */
      message: string;
      /** Something went half-way (email not sent, to review): shown as a warning. */
      warning?: string;
      /** 'Iniciar' returns the attention script for this user. */
      script?: ScriptSection[];
    }
  | {
      ok: false;
      message: string;
      /** The appointment as it is now, when it exists (a second click sees it finished). */
      appointment?: AppointmentView;
    };

export interface SaveConsultationInput {
  topic?: string;
  notes?: string;
}

export interface FinishInput {
  observations?: string;
  topic?: string;
  notes?: string;
  /** Required for an appointment of an earlier day: how many minutes the attention lasted. */
  durationMinutes?: number | string;
}

export interface AbandonInput {
  reason: string;
  detail?: string;
  /**
   * The citizen already got the abandonment email for this appointment (abandoned, reactivated,
   * abandoned again): true sends it once more; otherwise nothing new goes out and the consultant
   * is told so.
   */
  resendEmail?: boolean;
}
