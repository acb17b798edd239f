/**
 * Entry points of the panel's «Solicitudes externas» (C01–C04; issue 14): the two reads. The
 * proposal and the decision are src/entry/external-decision.ts.
 */
import { externalRequestDetail, listExternalRequests } from '../app/external/view';
import type { ExternalDetailResult, ExternalRequestsView } from '../app/external/types';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { guarded } from './guard';

/** «Solicitudes externas»: every request with its state and next step, the counts and the request form's link. */
export function getExternalRequests(): ExternalRequestsView {
  return guarded('getExternalRequests', EXECUTION_KINDS.panel, (ctx) => listExternalRequests(ctx));
}

/** One request: what the institution asked, its slots, the proposal, the decision, the workshop and the timings. */
export function getExternalRequestDetail(requestId: string): ExternalDetailResult {
  return guarded('getExternalRequestDetail', EXECUTION_KINDS.panel, (ctx) => externalRequestDetail(ctx, requestId));
}
