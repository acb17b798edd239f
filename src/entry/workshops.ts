/**
 * Entry points of the workshops' programme (issue 11, B01), in the "Programación Talleres
 * Masivos" spreadsheet. Each export becomes a top-level function of dist/Code.js, called by the
 * panel through google.script.run (or `ws.callFromSidebar` in the emulator).
 */
import { createModule, listModules, updateModule, type ModuleInput, type ModulesView, type SaveModuleResult } from '../app/workshops/programme';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { guarded } from './guard';

/** «Módulos»: every module with its sessions, state and counts, and the spreadsheet's role. */
export function getModules(): ModulesView {
  return guarded('getModules', EXECUTION_KINDS.panel, (ctx) => listModules(ctx));
}

/** «Nuevo módulo» (no `id`) or the edit of an existing module (`id`), until its first session starts. */
export function saveModule(input: ModuleInput): SaveModuleResult {
  return guarded('saveModule', EXECUTION_KINDS.panel, (ctx) => {
    const id = input && typeof input === 'object' && typeof input.id === 'string' ? input.id.trim() : '';
    return id ? updateModule(ctx, id, input) : createModule(ctx, input);
  });
}
