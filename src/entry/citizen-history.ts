/**
 * «Historial del ciudadano» (issue 15 item 4): the panel's one call, during an attention
 * (`{ appointmentId }`) or by document number (`{ document }`). Access: 'member' here; during an
 * attention the use case further requires the appointment to be the caller's to see
 * (src/app/citizen-history.ts, docs/access-model.md).
 */
import { getCitizenHistory as historyUseCase, type CitizenHistoryRequest, type CitizenHistoryResult } from '../app/citizen-history';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { guarded } from './guard';

/** What the service already did with this person: earlier attentions, modules, certificates, and open modules not taken. */
export function getCitizenHistory(request: CitizenHistoryRequest): CitizenHistoryResult {
  return guarded('getCitizenHistory', EXECUTION_KINDS.panel, (ctx) => historyUseCase(ctx, request));
}
