/**
 * Entry points of the workshops' programme (issue 11, B01), in the "Programación Talleres
 * Masivos" spreadsheet. Each export becomes a top-level function of dist/Code.js, called by the
 * panel through google.script.run (or `ws.callFromSidebar` in the emulator).
 */
import { createModule, listModules, updateModule, type ModuleInput, type ModulesView, type SaveModuleResult } from '../app/workshops/programme';
import { inviteSpeakers as inviteSpeakersUseCase, refreshSpeakerAnswers, syncSessionEvents, type InviteSpeakersResult } from '../app/workshops/speakers';
import { syncRegistrationChoices, tellScheduleChange } from '../app/workshops/registration';
import { ensureSessionClock } from '../app/workshops/session-clock';
import { moduleDetail, type ModuleDetail } from '../app/workshops/module-view';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { guarded } from './guard';

/** «Módulos»: every module with its sessions, state and counts, and the spreadsheet's role. */
export function getModules(): ModulesView {
  return guarded('getModules', EXECUTION_KINDS.panel, (ctx) => {
    // B02: the speakers' answers, read from their events (one Calendar read per session with an event).
    refreshSpeakerAnswers(ctx);
    return listModules(ctx);
  });
}

/** A module's detail in «Módulos»: its B01–B05 checklist, sessions, registrants and waiting list in order. */
export function getModuleDetail(moduleId: string): ModuleDetail {
  return guarded('getModuleDetail', EXECUTION_KINDS.panel, (ctx) => moduleDetail(ctx, moduleId));
}

/** «Nuevo módulo» (no `id`) or the edit of an existing module (`id`), until its first session starts. */
export function saveModule(input: ModuleInput): SaveModuleResult {
  return guarded('saveModule', EXECUTION_KINDS.panel, (ctx) => {
    const id = input && typeof input === 'object' && typeof input.id === 'string' ? input.id.trim() : '';
    if (!id) return createModule(ctx, input);
    const r = updateModule(ctx, id, input);
    // B02: moved sessions' events are patched and cancelled ones' cancelled; their speakers are told
    // once. Also after an unchanged save: a retry after a crash finishes what the first save began.
    if (r.ok) syncSessionEvents(ctx, id);
    // B05: a renamed or moved module keeps its choice and link on the registration form in step.
    if (r.ok) syncRegistrationChoices(ctx);
    // B02: once registration is open, a moved or cancelled session is told to the registrants, once each.
    if (r.ok) tellScheduleChange(ctx, id);
    // Issue 12: the session clock looks again soon (new or moved due moments; a moved session's correction).
    if (r.ok) ensureSessionClock(ctx);
    return r;
  });
}

/** «Invitar a los ponentes» (B02): each session's event with Meet and its speaker's invitation, once. */
export function inviteSpeakers(moduleId: string): InviteSpeakersResult {
  return guarded('inviteSpeakers', EXECUTION_KINDS.panel, (ctx) => inviteSpeakersUseCase(ctx, moduleId));
}
