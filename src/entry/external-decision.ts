/**
 * Entry points of the approval of an institution's request (C01), in "Programación Talleres
 * Masivos": «Enviar a aprobación» (a consultant) and «Registrar decisión» (a coordinator). The
 * Sub Director's buttons are the web app's 'aprobar' and 'rechazar' links (src/entry/webapp.ts).
 */
import { recordDecision, sendForApproval } from '../app/external/approval';
import { externalRequestDetail } from '../app/external/view';
import type { ApprovalProposalInput, DecisionInput, ExternalActionResult } from '../app/external/types';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { guarded } from './guard';
import type { Context } from './context';

/** The request as it is after the action, so the panel redraws without a second call (absent when it cannot be read). */
function withDetail(ctx: Context, requestId: unknown, r: ExternalActionResult): ExternalActionResult {
  const d = externalRequestDetail(ctx, requestId);
  return d.ok ? { ...r, detail: d.detail } : r;
}

/** «Enviar a aprobación»: the proposal (slot, end, speaker, certificates) emailed to the Sub Director with approve and reject buttons. */
export function sendExternalForApproval(input: ApprovalProposalInput): ExternalActionResult {
  return guarded('sendExternalForApproval', EXECUTION_KINDS.panel, (ctx) => withDetail(ctx, input?.requestId, sendForApproval(ctx, input)));
}

/** «Registrar decisión» (coordinator): approved or rejected outside the link (by phone, in a meeting), with who and when. */
export function recordExternalDecision(input: DecisionInput): ExternalActionResult {
  return guarded('recordExternalDecision', EXECUTION_KINDS.panel, (ctx) => withDetail(ctx, input?.requestId, recordDecision(ctx, input)));
}
