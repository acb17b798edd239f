/**
 * The survey form setup makes (A06), crashed at every service call of setup: after the consultant
 * presses "Configurar" again there is one complete survey form sending its responses to this
 * spreadsheet, recorded in the settings, with exactly one form-submit trigger on it. Google
 * cannot create a form idempotently: only a crash between FormApp.create and recording its ID
 * (the next call) can leave a second, empty, unlinked form behind — never a second linked one.
 */
import type { Workspace } from '../../emulator';
import { formsStore } from '../../emulator/services/forms';
import { SURVEY_FORM } from '../../src/domain/survey-form';
import { crashAtEveryCall, formatFailures, installProduct, type CrashOperation } from '../support/crash-harness';

interface Ctx {
  self: string;
  sibling: string;
}

const operation: CrashOperation<Ctx> = {
  name: 'survey-setup',
  actFunction: 'setupSpreadsheet',
  workspace: { at: '2026-11-27T09:00', user: 'ana.quispe@trabajo.gob.pe' },
  setup(ws: Workspace) {
    const self = ws.createSpreadsheet('Atenciones Virtuales – Centro de Empleo');
    const sibling = ws.createSpreadsheet('Programación Talleres Masivos');
    installProduct(ws, self);
    installProduct(ws, sibling);
    return { self, sibling };
  },
  act: (ws, ctx) => void ws.callFromSidebar(ctx.self, 'setupSpreadsheet', ['atenciones', ctx.sibling]),
  recover: (ws, ctx) => void ws.callFromSidebar(ctx.self, 'setupSpreadsheet', ['atenciones', ctx.sibling]),
  check(ws, ctx, info) {
    const v: string[] = [];
    const surveys = ws.forms().filter((f) => f.title === SURVEY_FORM.title);
    const linked = surveys.filter((f) => f.destinationId === ctx.self);
    if (linked.length !== 1) v.push(`${linked.length} survey forms send their responses here, expected 1`);
    // The one thing a crash may leave: a form created and never recorded (empty, linked to nothing).
    const orphans = surveys.filter((f) => f.destinationId === undefined);
    if (orphans.length > 1 || orphans.some((f) => formsStore(ws.state).get(f.id)!.items.length > 0)) v.push(`left-over survey forms: ${orphans.length}`);
    if (surveys.length - orphans.length > 1) v.push(`${surveys.length - orphans.length} survey forms with a destination`);
    const formId = ws.project(ctx.self).documentProperties.SOE_SURVEY_FORM_ID;
    const form = formsStore(ws.state).get(formId ?? '');
    if (!form) return [...v, 'no survey form recorded'];
    if (form.destination?.id !== ctx.self) v.push('the recorded form does not send its responses here');
    const titles = form.items.map((i) => i.title);
    if (JSON.stringify(titles) !== JSON.stringify(SURVEY_FORM.items.map((i) => i.title))) v.push(`the form's questions are ${JSON.stringify(titles)}`);
    const setting = ws.readTab(ctx.self, 'Configuración').find((r) => r['Parámetro'] === 'Formulario de encuesta (ID)')?.['Valor'];
    if (setting !== formId) v.push(`'Configuración' shows form "${String(setting)}", the recorded one is "${formId}"`);
    const triggers = ws.triggers(ctx.self).filter((t) => t.handler === 'onSurveySubmit');
    if (triggers.length !== 1 || triggers[0].sourceId !== formId) v.push(`onSurveySubmit triggers: ${JSON.stringify(triggers.map((t) => t.sourceId))}`);
    if (info.kind === 'none' && surveys.length !== 1) v.push(`${surveys.length} survey forms after a clean setup`);
    if (form.description !== SURVEY_FORM.description) v.push('the form lacks its privacy notice');
    return v;
  },
};

test('the survey form is made exactly once, complete and linked, whatever call setup crashes at', () => {
  // Sampled for `npm test`: the first call of every method (each Forms step among them) and the
  // last. SOE_EXHAUSTIVE=1 sweeps all 3 × K (783 cases, 0 failures when written).
  const report = crashAtEveryCall(operation, { sample: 0, rareMethodCalls: 1 });
  if (report.skipped) return;
  if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
  expect(report.cases).toBeGreaterThan(0);
});
