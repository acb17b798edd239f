/**
 * Who can answer the survey form. Forms a script creates after 30 June 2026 start unpublished
 * and take no responses ("API changes to Google Forms",
 * developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms); the product
 * makes the survey form unpublished on purpose, publishes it once complete, and setup puts back
 * what a person changed since (unpublished, closed, restricted to the domain), saying so.
 */
import { ensureSurveyForm, SURVEY_PROPERTY_KEYS } from '../../../src/app/surveys';
import { SURVEY_FORM_TITLE } from '../../../src/domain/survey-form';
import { ATENCIONES_ID, FakeForms, jobsWorld } from './attention-jobs-fixtures';

function run(forms: FakeForms, props = jobsWorld().properties) {
  const changes: string[] = [];
  const state = ensureSurveyForm({ forms, properties: props }, ATENCIONES_ID, '', (_a, _t, s) => changes.push(s));
  return { state, changes, props };
}

const OPEN = { supportsPublishing: true, published: true, acceptingResponses: true, requiresLogin: false };

test('a new survey form is made unpublished, then published once its questions and destination are there', () => {
  const forms = new FakeForms();
  const order: string[] = [];
  for (const m of ['create', 'addItems', 'setDestination', 'openToRespondents'] as const) {
    const original = forms[m].bind(forms) as (...a: unknown[]) => unknown;
    (forms as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
      order.push(m);
      return original(...a);
    };
  }
  const { state, changes } = run(forms);
  expect(order).toEqual(['create', 'addItems', 'setDestination', 'openToRespondents']);
  expect(forms.responderAccess(state.formId)).toEqual(OPEN);
  expect(changes).toEqual([`Se creó el formulario «${SURVEY_FORM_TITLE}».`, `Se publicó el formulario «${SURVEY_FORM_TITLE}»: ya acepta respuestas.`]);
});

test('setup publishes an unpublished survey form again, re-opens a closed one, drops the domain sign-in; each in Spanish; then nothing', () => {
  const forms = new FakeForms();
  const { state, props } = run(forms);
  const f = forms.forms.get(state.formId)!;

  f.published = false;
  expect(forms.responderAccess(state.formId)).toMatchObject({ published: false, acceptingResponses: false });
  expect(run(forms, props).changes).toEqual([`Se publicó el formulario «${SURVEY_FORM_TITLE}»: ya acepta respuestas.`]);
  expect(forms.responderAccess(state.formId)).toEqual(OPEN);

  f.accepting = false;
  expect(run(forms, props).changes).toEqual([`El formulario «${SURVEY_FORM_TITLE}» vuelve a aceptar respuestas.`]);

  f.requiresLogin = true;
  expect(run(forms, props).changes).toEqual([
    `El formulario «${SURVEY_FORM_TITLE}» ya no exige iniciar sesión: cualquier persona con el enlace puede responder.`,
  ]);
  expect(forms.responderAccess(state.formId)).toEqual(OPEN);

  expect(run(forms, props).changes).toEqual([]);
  expect(props.get(SURVEY_PROPERTY_KEYS.formId)).toBe(state.formId);
});
