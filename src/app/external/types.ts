/**
 * What the panel's «Solicitudes externas» (C01–C04) sends and receives: types only (src/api.ts
 * re-exports them for the sidebar). The list and detail are built by ./view.ts, the proposal and
 * the decision by ./approval.ts.
 */
import type { ExternalRequest } from '../../domain/external/request';
import type { ExternalRequestState } from '../../domain/schema';

// The real timings (issue 14 item 4): built by the pure src/domain/external/timings.ts, shown as they are.
import type { TimingsView } from '../../domain/external/timings';
export type { TimingStepView, TimingsView } from '../../domain/external/timings';

export interface ExternalRequestSummary {
  id: string;
  institution: string;
  topic: string;
  state: ExternalRequestState | '';
  /** Lima 'dd/mm/aaaa hh:mm'. */
  receivedAt: string;
  expected: number;
  /** The proposed (or approved) date and time, '' before a proposal. */
  proposedWhen: string;
  /** The workshop's module once created ('' before). */
  moduleId: string;
  /** What the consultant should do next, in Spanish ('' when nothing). */
  nextStep: string;
}

export interface ExternalRequestsView {
  ready: boolean;
  /** Why not ready, or a note ('' when none). */
  message: string;
  requests: ExternalRequestSummary[];
  counts: Partial<Record<ExternalRequestState, number>>;
  /** The public request form to share with institutions ('' before setup made it). */
  formUrl: string;
  user: { isCoordinator: boolean };
}

/** A preferred slot as the institution gave it. */
export interface SlotView {
  /** 'yyyy-mm-dd' (Lima) and 'HH:mm'; '' when not given. */
  date: string;
  time: string;
  /** «lunes 12/01/2027, 10:00» ('' when not given). */
  label: string;
  /** True when that moment has already passed. */
  past: boolean;
}

/** The request's own fields as the intake validated them (src/domain/external/request.ts), plus what the panel derives. */
export interface ExternalRequestDetail
  extends Pick<
    ExternalRequest,
    'institution' | 'ruc' | 'institutionType' | 'region' | 'district' | 'contactName' | 'contactRole' | 'contactEmail' | 'contactPhone' | 'topic' | 'expected' | 'modality' | 'notes'
  > {
  id: string;
  state: ExternalRequestState | '';
  slots: [SlotView, SlotView];
  /** Places the workshop would get: expected + the margin setting (rounded up). */
  capacity: number;
  /** The current proposal ('' fields before one). */
  proposal: { start: string; end: string; speaker: string; speakerEmail: string; certificates: boolean; round: number; sentAt: string; sentBy: string };
  decision: { decision: string; channel: string; by: string; at: string; reason: string };
  moduleId: string;
  moduleName: string;
  timings: TimingsView;
  /** What this user may do now. */
  allowed: { sendForApproval: boolean; decide: boolean };
  nextStep: string;
}

export type ExternalDetailResult = { ok: true; detail: ExternalRequestDetail } | { ok: false; message: string };

/** «Enviar a aprobación»: the proposal the Sub Director approves or rejects. */
export interface ApprovalProposalInput {
  requestId: string;
  /** '1' or '2' (a preferred slot), or 'otra' with `date` and `startTime`. */
  slot: string;
  /** 'yyyy-mm-dd' or 'dd/mm/aaaa' (slot 'otra'). */
  date?: string;
  /** 'HH:mm' Lima (slot 'otra'). */
  startTime?: string;
  /** 'HH:mm' Lima: the session's end. */
  endTime: string;
  speaker: string;
  speakerEmail: string;
  /** Whether the workshop issues certificates (C04). */
  certificates: boolean;
  /** The round the panel showed: a stale form (another consultant sent meanwhile) is refused. */
  seenRound?: number;
}

/** «Registrar decisión» (coordinator): approved or rejected outside the link (by phone, in a meeting). */
export interface DecisionInput {
  requestId: string;
  decision: 'Aprobada' | 'Rechazada';
  /** Required for a rejection. */
  reason?: string;
  /** How it was decided («por teléfono»), kept in the audit. */
  note?: string;
  seenRound?: number;
}

export type ApprovalField = 'slot' | 'date' | 'startTime' | 'endTime' | 'speaker' | 'speakerEmail' | 'reason';

export interface ExternalActionResult {
  ok: boolean;
  message: string;
  /** The request as it is now (absent when it cannot be read). */
  detail?: ExternalRequestDetail;
  /** Field problems of the input, in Spanish. */
  errors?: Partial<Record<ApprovalField, string>>;
}
