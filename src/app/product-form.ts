/**
 * The Google Forms the product makes (the satisfaction survey, the registration form), made and
 * kept whole the same way by setup:
 *
 * - created unpublished (no citizen can answer a half-made form), its ID recorded at once in a
 *   document property, so a rerun after an interruption completes that form instead of making a
 *   second one;
 * - its texts (the privacy notice) restored, half-made items removed, missing questions added;
 * - its responses sent to this spreadsheet (nothing a citizen submits is lost with the form);
 * - last, published, accepting responses and answerable without a Google account of the
 *   service's domain: Google creates script-made forms unpublished since July 2026, and a person
 *   may have closed or unpublished it since. Each change is reported.
 */
import { missingItems, type FormDefinition } from '../domain/form-definition';
import type { FormAdmin, KeyValueStore, Scheduler } from '../ports';

export interface ProductFormSpec {
  definition: FormDefinition;
  /** Document property holding the form's ID. */
  propertyKey: string;
  /** Audit actions (Spanish) for a form made now and for a repair of an existing one. */
  auditCreated: string;
  auditRepaired: string;
}

export interface ProductFormState {
  formId: string;
  url: string;
  created: boolean;
}

type Change = (action: string, target: string, sentence: string) => void;

export function ensureProductForm(
  deps: { forms: FormAdmin; properties: KeyValueStore },
  spec: ProductFormSpec,
  spreadsheetId: string,
  known: string,
  change: Change,
): ProductFormState {
  const def = spec.definition;
  let formId = deps.properties.get(spec.propertyKey) || known;
  let state = formId ? deps.forms.describe(formId) : null;
  let created = false;
  if (!state) {
    formId = deps.forms.create(def.title);
    // Recorded before anything else: a rerun after a crash completes this form instead of making another.
    deps.properties.setAll({ [spec.propertyKey]: formId });
    state = deps.forms.describe(formId);
    if (!state) throw new Error(`the form ${formId} was created but cannot be opened`);
    created = true;
    change(spec.auditCreated, def.title, `Se creó el formulario «${def.title}».`);
  } else if (deps.properties.get(spec.propertyKey) !== formId) {
    deps.properties.setAll({ [spec.propertyKey]: formId });
  }
  const repaired = (sentence: string) => {
    if (!created) change(spec.auditRepaired, def.title, sentence);
  };
  if (state.description !== def.description || state.confirmationMessage !== def.confirmationMessage) {
    deps.forms.setTexts(formId, def);
    repaired(`Se restableció el aviso de privacidad del formulario «${def.title}».`);
  }
  let titles = state.itemTitles;
  if (titles.some((t) => t.trim() === '')) {
    deps.forms.removeUntitledItems(formId); // half-made by an interrupted run
    titles = titles.filter((t) => t.trim() !== '');
  }
  const missing = missingItems(def, titles);
  if (missing.length) {
    deps.forms.addItems(formId, missing);
    repaired(`Se agregaron ${missing.length} preguntas que faltaban al formulario «${def.title}».`);
  }
  if (state.destinationId !== spreadsheetId) {
    deps.forms.setDestination(formId, spreadsheetId);
    repaired(`Las respuestas de «${def.title}» se guardan ahora en esta hoja.`);
  }
  const opened = deps.forms.openToRespondents(formId);
  const action = created ? spec.auditCreated : spec.auditRepaired;
  if (opened.published) change(action, def.title, `Se publicó el formulario «${def.title}»: ya acepta respuestas.`);
  if (opened.reopened) change(action, def.title, `El formulario «${def.title}» vuelve a aceptar respuestas.`);
  if (opened.loginDropped) change(action, def.title, `El formulario «${def.title}» ya no exige iniciar sesión: cualquier persona con el enlace puede responder.`);
  return { formId, url: state.publishedUrl, created };
}

/** Exactly one form-submit trigger of `handler` on `formId`: installs it when missing, removes repeated ones and those left on an older form. */
export function ensureFormTrigger(
  scheduler: Scheduler,
  handler: string,
  formId: string,
): boolean {
  const mine = scheduler.list().filter((t) => t.handler === handler);
  let kept = false;
  for (const t of mine) {
    if (t.kind === 'formSubmit' && t.sourceId === formId && !kept) {
      kept = true;
      continue;
    }
    scheduler.remove(t.id);
  }
  if (kept) return false;
  scheduler.onFormSubmit(handler, formId);
  return true;
}
