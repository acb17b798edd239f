import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeTestEnv, nextExecution } from '../../emulator/testing';
import {
  FormApp,
  FormSubmissionError,
  formsStore,
  parsePrefilledUrl,
  submitFormResponse,
} from '../../emulator/services/forms';
import type { CheckboxItem, ListItem, MultipleChoiceItem, ScaleItem, TextItem, DateItem } from '../../emulator/services/forms/items';
import { WorkspaceState } from '../../emulator/core/state';
import { ScriptProject } from '../../emulator/core/project';
import { Workspace } from '../../emulator';
import { sheetsStore } from '../../emulator/services/sheets';

// Reference: developers.google.com/apps-script/reference/forms (form-app, form, item, the typed
// items, form-response, item-response).

const NOT_FOUND = 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

function setup() {
  const env = makeTestEnv();
  return { env, FormApp: new FormApp(env) };
}

/** The registration form of the tests: text (required), list, checkbox with "Other", scale, date. */
function registrationForm(app: FormApp) {
  const form = app.create('Inscripción – Aprende a Emprender', true);
  form.setDescription('Taller gratuito').setCollectEmail(false);
  const name = form.addTextItem().setTitle('Nombres y apellidos').setRequired(true) as TextItem;
  const dni = form.addTextItem().setTitle('DNI').setRequired(true) as TextItem;
  form.addSectionHeaderItem().setTitle('Tu negocio');
  const stage = (form.addListItem() as ListItem).setTitle('Etapa').setChoiceValues(['Idea', 'En marcha']) as ListItem;
  const topics = (form.addCheckboxItem() as CheckboxItem).setTitle('Temas de interés').setChoiceValues(['Costos', 'Marketing', 'Formalización']) as CheckboxItem;
  topics.showOtherOption(true);
  const score = (form.addScaleItem() as ScaleItem).setTitle('Interés').setBounds(1, 5) as ScaleItem;
  const date = form.addDateItem().setTitle('Fecha de inicio') as DateItem;
  return { form, name, dni, stage, topics, score, date };
}

describe('FormApp / Form — form-app, form', () => {
  test('create(title) makes a form with Google-shaped URLs; openById/openByUrl find it; getActiveForm is null', () => {
    const { FormApp: app } = setup();
    const form = app.create('Encuesta de Satisfacción');
    expect(form.getTitle()).toBe('Encuesta de Satisfacción');
    expect(form.getId()).toMatch(/^1[A-Za-z0-9_-]{43}$/);
    expect(form.getEditUrl()).toBe(`https://docs.google.com/forms/d/${form.getId()}/edit`);
    expect(form.getPublishedUrl()).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/1FAIpQLS[A-Za-z0-9_-]{48}\/viewform$/);
    expect(app.openById(form.getId()).getTitle()).toBe('Encuesta de Satisfacción');
    expect(app.openByUrl(form.getEditUrl()).getId()).toBe(form.getId());
    expect(app.getActiveForm()).toBeNull();
    expect(() => app.openById('1nope')).toThrow(NOT_FOUND);
    expect(() => app.create('')).toThrow();
  });

  test('settings round-trip through their getters', () => {
    const { FormApp: app } = setup();
    const form = app
      .create('F')
      .setDescription('d')
      .setConfirmationMessage('¡Gracias!')
      .setCollectEmail(true)
      .setLimitOneResponsePerUser(true)
      .setAllowResponseEdits(true)
      .setProgressBar(true)
      .setShowLinkToRespondAgain(false)
      .setAcceptingResponses(false);
    expect([
      form.getDescription(),
      form.getConfirmationMessage(),
      form.collectsEmail(),
      form.hasLimitOneResponsePerUser(),
      form.canEditResponse(),
      form.hasProgressBar(),
      form.hasRespondAgainLink(),
      form.isAcceptingResponses(),
    ]).toEqual(['d', '¡Gracias!', true, true, true, true, false, false]);
  });

  test('items: types, titles, choices, required, order; getItems(type); getItemById', () => {
    const { FormApp: app } = setup();
    const { form, name, stage, topics, score } = registrationForm(app);
    const items = form.getItems();
    expect(items.map((i) => [i.getType(), i.getTitle(), i.getIndex()])).toEqual([
      ['TEXT', 'Nombres y apellidos', 0],
      ['TEXT', 'DNI', 1],
      ['SECTION_HEADER', 'Tu negocio', 2],
      ['LIST', 'Etapa', 3],
      ['CHECKBOX', 'Temas de interés', 4],
      ['SCALE', 'Interés', 5],
      ['DATE', 'Fecha de inicio', 6],
    ]);
    expect(Number.isInteger(name.getId())).toBe(true);
    expect(new Set(items.map((i) => i.getId())).size).toBe(7);
    expect(name.isRequired()).toBe(true);
    expect(stage.getChoices().map((c) => c.getValue())).toEqual(['Idea', 'En marcha']);
    expect(topics.hasOtherOption()).toBe(true);
    expect([score.getLowerBound(), score.getUpperBound()]).toEqual([1, 5]);
    expect(form.getItems(app.ItemType.TEXT).map((i) => i.getTitle())).toEqual(['Nombres y apellidos', 'DNI']);
    expect(form.getItemById(name.getId())!.getTitle()).toBe('Nombres y apellidos');
    expect(form.getItemById(123)).toBeNull();
  });

  test('asXxxItem() gives the typed item; the wrong type throws "Invalid conversion for item type: X"', () => {
    const { FormApp: app } = setup();
    const { form, stage } = registrationForm(app);
    const generic = form.getItemById(stage.getId())!;
    const list = generic.asListItem();
    list.setChoices([list.createChoice('Idea'), list.createChoice('Negocio formal')]);
    expect(stage.getChoices().map((c) => c.getValue())).toEqual(['Idea', 'Negocio formal']);
    expect(() => generic.asTextItem()).toThrow('Invalid conversion for item type: LIST');
    expect(() => generic.asGridItem()).toThrow('Invalid conversion for item type: LIST');
    expect(String(list._class)).toBe('ListItem');
  });

  test('choice items: createChoice/setChoices, showOtherOption; scale bounds are checked', () => {
    const { FormApp: app } = setup();
    const form = app.create('F', true);
    const mc = form.addMultipleChoiceItem() as MultipleChoiceItem;
    mc.setTitle('¿Asistirás?').setChoices([mc.createChoice('Sí'), mc.createChoice('No')]);
    mc.showOtherOption(true);
    expect(mc.getChoices().map((c) => c.getValue())).toEqual(['Sí', 'No']);
    expect(mc.hasOtherOption()).toBe(true);
    const scale = form.addScaleItem() as ScaleItem;
    expect(() => scale.setBounds(2, 5)).toThrow();
    expect(() => scale.setBounds(1, 11)).toThrow();
    scale.setBounds(0, 10).setLabels('Nada', 'Mucho');
    expect([scale.getLeftLabel(), scale.getRightLabel()]).toEqual(['Nada', 'Mucho']);
  });

  test('deleteItem, moveItem and duplicate keep the order a person sees', () => {
    const { FormApp: app } = setup();
    const form = app.create('F', true);
    const a = form.addTextItem().setTitle('A');
    const b = form.addTextItem().setTitle('B');
    form.addTextItem().setTitle('C');
    form.moveItem(a, 2);
    expect(form.getItems().map((i) => i.getTitle())).toEqual(['B', 'C', 'A']);
    const copy = b.duplicate();
    expect(copy.getId()).not.toBe(b.getId());
    expect(form.getItems().map((i) => i.getTitle())).toEqual(['B', 'B', 'C', 'A']);
    form.deleteItem(0);
    form.deleteItem(form.getItemById(a.getId())!);
    expect(form.getItems().map((i) => i.getTitle())).toEqual(['B', 'C']);
    expect(() => a.getTitle()).toThrow(NOT_FOUND);
  });

  test('shortenFormUrl gives a stable forms.gle link that leads back to the form', () => {
    const { env, FormApp: app } = setup();
    const form = app.create('F', true);
    const short = form.shortenFormUrl(form.getPublishedUrl());
    expect(short).toMatch(/^https:\/\/forms\.gle\/[A-Za-z0-9]{17}$/);
    expect(form.shortenFormUrl(form.getPublishedUrl())).toBe(short);
    expect(formsStore(env.state).formByPublishedUrl(short)!.id).toBe(form.getId());
    expect(() => form.shortenFormUrl('https://example.org/x')).toThrow();
  });

  test('without a destination: getDestinationId/Type throw "The form currently has no response destination."', () => {
    const { FormApp: app } = setup();
    const form = app.create('F', true);
    expect(() => form.getDestinationId()).toThrow('The form currently has no response destination.');
    expect(() => form.getDestinationType()).toThrow('The form currently has no response destination.');
  });
});

describe('prefilled URLs — form-response#toPrefilledUrl', () => {
  test('toPrefilledUrl: published URL + ?usp=pp_url&entry.<n>=<value>, values form-encoded', () => {
    const { FormApp: app } = setup();
    const { form, name, stage } = registrationForm(app);
    const url = form.createResponse().withItemResponse(name.createResponse('José Ñuñez')).withItemResponse(stage.createResponse('En marcha')).toPrefilledUrl();
    const entries = formsStore(makeState(app)).formDefinition(form.getId()).items;
    const nameEntry = entries.find((i) => i.id === name.getId())!.entryId;
    const stageEntry = entries.find((i) => i.id === stage.getId())!.entryId;
    expect(url).toBe(`${form.getPublishedUrl()}?usp=pp_url&entry.${nameEntry}=Jos%C3%A9+%C3%91u%C3%B1ez&entry.${stageEntry}=En+marcha`);
  });

  test('round trip: parsePrefilledUrl gives back the same answers, and they submit', () => {
    const { env, FormApp: app } = setup();
    const { form, name, dni, topics, score, date } = registrationForm(app);
    const draft = form
      .createResponse()
      .withItemResponse(name.createResponse("María D'Ángelo & Cía"))
      .withItemResponse(dni.createResponse('01234567'))
      .withItemResponse(topics.createResponse(['Marketing', 'Costos', 'Exportar a Chile']))
      .withItemResponse(score.createResponse(4))
      .withItemResponse(date.createResponse(new Date(Date.UTC(2026, 11, 1, 15))));
    const url = draft.toPrefilledUrl();
    expect(url).toContain('__other_option__');
    const parsed = parsePrefilledUrl(env.state, url);
    expect(parsed.formId).toBe(form.getId());
    expect(parsed.answers).toEqual({
      [name.getId()]: "María D'Ángelo & Cía",
      [dni.getId()]: '01234567',
      [topics.getId()]: ['Costos', 'Marketing', 'Exportar a Chile'],
      [score.getId()]: '4',
      [date.getId()]: '2026-12-01',
    });
    const { responseId } = submitFormResponse(env.state, form.getId(), parsed.answers as Record<string, string | string[]>);
    const stored = form.getResponse(responseId).getResponseForItem(dni)!.getResponse();
    expect(stored).toBe('01234567'); // leading zero kept in the form's own response store
  });

  test('prefill with a survey code (A06: survey link prefilled with the appointment code)', () => {
    const { env, FormApp: app } = setup();
    const form = app.create('Encuesta de Satisfacción – Servicios Virtuales MTPE', true);
    const code = form.addTextItem().setTitle('Código de atención') as TextItem;
    const url = form.createResponse().withItemResponse(code.createResponse('AT-2026-000123')).toPrefilledUrl();
    expect(parsePrefilledUrl(env.state, url).answers).toEqual({ [code.getId()]: 'AT-2026-000123' });
  });
});

describe('submitting responses — host side (the respondent) and FormResponse.submit()', () => {
  test('a valid submission is stored at virtual time, readable via getResponses/ItemResponse, and emits formSubmit', () => {
    const { env, FormApp: app } = setup();
    const { form, name, dni, topics, stage } = registrationForm(app);
    env.state.clock.advance(5_000);
    const { responseId } = submitFormResponse(env.state, form.getId(), {
      'Nombres y apellidos': 'Ana Quispe',
      [String(dni.getId())]: '45678912',
      'Temas de interés': ['Formalización', 'Costos'],
      Etapa: 'Idea',
    });
    const [r] = form.getResponses();
    expect(r.getId()).toBe(responseId);
    expect(r.getTimestamp()!.getTime()).toBe(env.state.now());
    expect(r.getRespondentEmail()).toBe('');
    expect(r.getItemResponses().map((ir) => [ir.getItem().getTitle(), ir.getResponse()])).toEqual([
      ['Nombres y apellidos', 'Ana Quispe'],
      ['DNI', '45678912'],
      ['Etapa', 'Idea'],
      ['Temas de interés', ['Costos', 'Formalización']], // checkbox: string[] in the form's option order
    ]);
    expect(r.getResponseForItem(name)!.getResponse()).toBe('Ana Quispe');
    expect(r.getResponseForItem(stage)!.getResponse()).toBe('Idea');
    expect(r.getResponseForItem(topics)!.getResponse()).toEqual(['Costos', 'Formalización']);
    expect(r.getEditResponseUrl()).toBe(`${form.getPublishedUrl()}?edit2=${responseId}`);
    expect(env.state.events).toEqual([{ type: 'formSubmit', formId: form.getId(), responseId }]);
  });

  test('a required question left empty is refused with the form UI message; nothing stored, no event', () => {
    const { env, FormApp: app } = setup();
    const { form, dni } = registrationForm(app);
    let err: unknown;
    try {
      submitFormResponse(env.state, form.getId(), { 'Nombres y apellidos': '   ', Etapa: 'Idea' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FormSubmissionError);
    const problems = (err as FormSubmissionError).problems;
    expect(problems).toEqual([
      { itemId: form.getItems()[0].getId(), title: 'Nombres y apellidos', message: 'Esta pregunta es obligatoria.' },
      { itemId: dni.getId(), title: 'DNI', message: 'Esta pregunta es obligatoria.' },
    ]);
    expect((err as Error).message).toContain('Nombres y apellidos: Esta pregunta es obligatoria.');
    expect(form.getResponses()).toHaveLength(0);
    expect(env.state.events).toHaveLength(0);
  });

  test('answers the form does not offer are refused: unknown option, scale out of range, bad date, unknown question', () => {
    const { env, FormApp: app } = setup();
    const { form } = registrationForm(app);
    const base = { 'Nombres y apellidos': 'Ana', DNI: '45678912' };
    const reject = (extra: Record<string, string | string[]>) => {
      try {
        submitFormResponse(env.state, form.getId(), { ...base, ...extra });
      } catch (e) {
        return (e as FormSubmissionError).problems.map((p) => `${p.title}: ${p.message}`);
      }
      throw new Error('expected a refusal');
    };
    expect(reject({ Etapa: 'Quebrado' })).toEqual(['Etapa: La respuesta no es una de las opciones.']);
    expect(reject({ Interés: '7' })).toEqual(['Interés: Elige un valor de la escala.']);
    expect(reject({ 'Fecha de inicio': '2026-02-30' })).toEqual(['Fecha de inicio: Fecha no válida.']);
    expect(reject({ 'Temas de interés': ['Otro 1', 'Otro 2'] })).toEqual(['Temas de interés: Solo se admite una respuesta en «Otro».']);
    expect(reject({ Edad: '30' })).toEqual(['Edad: Esta pregunta no existe en el formulario.']);
    expect(form.getResponses()).toHaveLength(0);
  });

  test('text validation (FormApp.createTextValidation) is applied with its help text', () => {
    const { env, FormApp: app } = setup();
    const form = app.create('F', true);
    const dni = form.addTextItem().setTitle('DNI') as TextItem;
    dni.setValidation(app.createTextValidation().requireTextMatchesPattern('\\d{8}').setHelpText('El DNI tiene 8 dígitos.').build());
    expect(() => submitFormResponse(env.state, form.getId(), { DNI: '1234' })).toThrow('DNI: El DNI tiene 8 dígitos.');
    expect(submitFormResponse(env.state, form.getId(), { DNI: '01234567' }).responseId).toBeTruthy();
    dni.clearValidation();
    expect(submitFormResponse(env.state, form.getId(), { DNI: '1234' }).responseId).toBeTruthy();
  });

  test('a form not accepting responses refuses them, with its custom closed message', () => {
    const { env, FormApp: app } = setup();
    const form = app.create('Inscripción', true);
    form.addTextItem().setTitle('Nombre');
    form.setAcceptingResponses(false);
    expect(() => submitFormResponse(env.state, form.getId(), { Nombre: 'Ana' })).toThrow('El formulario «Inscripción» ya no acepta respuestas.');
    form.setCustomClosedFormMessage('Inscripciones cerradas: el aforo está completo.');
    expect(() => submitFormResponse(env.state, form.getId(), { Nombre: 'Ana' })).toThrow('Inscripciones cerradas: el aforo está completo.');
    expect(form.getResponses()).toHaveLength(0);
  });

  test('collectEmail: the respondent email is required, valid, recorded; limit one response per user', () => {
    const { env, FormApp: app } = setup();
    const form = app.create('F', true).setCollectEmail(true).setLimitOneResponsePerUser(true);
    form.addTextItem().setTitle('Nombre');
    expect(() => submitFormResponse(env.state, form.getId(), { Nombre: 'Ana' })).toThrow('Correo: Esta pregunta es obligatoria.');
    expect(() => submitFormResponse(env.state, form.getId(), { Nombre: 'Ana' }, { email: 'ana' })).toThrow('Correo:');
    const { responseId } = submitFormResponse(env.state, form.getId(), { Nombre: 'Ana' }, { email: 'ana@example.org' });
    expect(form.getResponse(responseId).getRespondentEmail()).toBe('ana@example.org');
    expect(() => submitFormResponse(env.state, form.getId(), { Nombre: 'Ana' }, { email: 'ANA@example.org' })).toThrow(
      'Solo puedes responder este formulario una vez.',
    );
  });

  test('FormResponse.submit() from a script stores the response and emits formSubmit; twice throws', () => {
    const { env, FormApp: app } = setup();
    const { form, name, dni } = registrationForm(app);
    const draft = form.createResponse().withItemResponse(dni.createResponse('45678912')).withItemResponse(name.createResponse('Luis'));
    expect(draft.getId()).toBeNull();
    const submitted = draft.submit();
    expect(submitted.getId()).toMatch(/^2_ABaOnu/);
    expect(form.getResponses().map((r) => r.getItemResponses().map((x) => x.getResponse()))).toEqual([['Luis', '45678912']]);
    expect(env.state.events).toEqual([{ type: 'formSubmit', formId: form.getId(), responseId: submitted.getId() }]);
    expect(() => submitted.submit()).toThrow();
    expect(() => submitted.withItemResponse(name.createResponse('X'))).toThrow();
  });

  test('item.createResponse refuses what the item cannot hold', () => {
    const { FormApp: app } = setup();
    const { stage, score, topics } = registrationForm(app);
    expect(() => stage.createResponse('Quebrado')).toThrow('Invalid response submitted to item.');
    expect(() => score.createResponse(9)).toThrow('Invalid response submitted to item.');
    expect(topics.createResponse(['Marketing']).getResponse()).toEqual(['Marketing']);
  });

  test('getResponses(timestamp) returns those at or after it; deleteAllResponses empties the form', () => {
    const { env, FormApp: app } = setup();
    const form = app.create('F', true);
    form.addTextItem().setTitle('N');
    submitFormResponse(env.state, form.getId(), { N: '1' });
    env.state.clock.advance(60_000);
    const cut = new Date(env.state.now());
    submitFormResponse(env.state, form.getId(), { N: '2' });
    expect(form.getResponses(cut).map((r) => r.getItemResponses()[0].getResponse())).toEqual(['2']);
    form.deleteAllResponses();
    expect(form.getResponses()).toHaveLength(0);
  });

  test('_responseObject / _form build the trigger event objects', () => {
    const { env, FormApp: app } = setup();
    const form = app.create('F', true);
    form.addTextItem().setTitle('N');
    const { responseId } = submitFormResponse(env.state, form.getId(), { N: 'x' });
    expect(app._form(form.getId()).getTitle()).toBe('F');
    expect(app._responseObject(form.getId(), responseId).getItemResponses()[0].getResponse()).toBe('x');
  });
});

describe('forms store — host side and persistence', () => {
  test('listForms, formByPublishedUrl (also prefilled links) and formDefinition for the browser UI', () => {
    const { env, FormApp: app } = setup();
    const { form, stage, topics } = registrationForm(app);
    const store = formsStore(env.state);
    expect(store.listForms()).toEqual([
      expect.objectContaining({ id: form.getId(), title: 'Inscripción – Aprende a Emprender', publishedUrl: form.getPublishedUrl(), responses: 0 }),
    ]);
    expect(store.formByPublishedUrl(`${form.getPublishedUrl()}?usp=pp_url&entry.1=x`)!.id).toBe(form.getId());
    expect(store.formByPublishedUrl('https://docs.google.com/forms/d/e/1FAIpQLSnope/viewform')).toBeUndefined();
    const def = store.formDefinition(form.getId());
    expect(def.title).toBe('Inscripción – Aprende a Emprender');
    expect(def.items.find((i) => i.id === stage.getId())).toMatchObject({ type: 'LIST', choices: ['Idea', 'En marcha'], required: false, isQuestion: true });
    expect(def.items.find((i) => i.id === topics.getId())).toMatchObject({ type: 'CHECKBOX', hasOtherOption: true });
    expect(def.items.find((i) => i.type === 'SECTION_HEADER')).toMatchObject({ isQuestion: false });
  });

  test('forms, items and responses survive a JSON round trip; a restored form keeps working', () => {
    const { env, FormApp: app } = setup();
    const { form, name } = registrationForm(app);
    submitFormResponse(env.state, form.getId(), { 'Nombres y apellidos': 'Ana', DNI: '45678912' });
    const copy = WorkspaceState.fromJSON(JSON.parse(JSON.stringify(env.state.toJSON())));
    expect(formsStore(copy).toJSON()).toEqual(formsStore(env.state).toJSON());
    const again = new FormApp(nextExecution({ ...env, state: copy }));
    const restored = again.openById(form.getId());
    expect(restored.getItemById(name.getId())!.getTitle()).toBe('Nombres y apellidos');
    expect(restored.getResponses()[0].getTimestamp()).toBeInstanceOf(Date);
    submitFormResponse(copy, form.getId(), { 'Nombres y apellidos': 'Luis', DNI: '12345678' });
    expect(restored.getResponses()).toHaveLength(2);
    expect(formsStore(env.state).get(form.getId())!.responses).toHaveLength(1);
  });
});

describe('publishing and who may respond — forms/api/guides/api-changes-to-google-forms, forms/api/guides/publish-form, form-app#create(String,Boolean), form#setRequireLogin(Boolean)', () => {
  /** What a respondent's submission gets: the response ID, or why the form refused it. */
  function attempt(state: WorkspaceState, formId: string, opts: { signedInAs?: string } = {}): string {
    try {
      return submitFormResponse(state, formId, { Nombre: 'Ana' }, opts).responseId ? 'aceptada' : '?';
    } catch (e) {
      if (e instanceof FormSubmissionError) return `${e.reason}: ${e.message}`;
      throw e;
    }
  }
  function formAt(now: number, published?: boolean) {
    const env = makeTestEnv({ now });
    const app = new FormApp(env);
    const form = published === undefined ? app.create('Encuesta') : app.create('Encuesta', published);
    form.addTextItem().setTitle('Nombre');
    return { env, app, form };
  }
  const AFTER = Date.UTC(2026, 10, 27, 14, 0);
  const BEFORE = Date.UTC(2026, 5, 30, 12, 0);

  test('"forms created by the API after June 30, 2026 will be created in an unpublished state … and won\'t receive responses"', () => {
    const { env, form } = formAt(AFTER);
    expect([form.supportsAdvancedResponderPermissions(), form.isPublished(), form.isAcceptingResponses()]).toEqual([true, false, false]);
    expect(attempt(env.state, form.getId())).toBe('unpublished: Form response rejected: Encuesta: El formulario «Encuesta» no está publicado: no acepta respuestas.');
    expect(form.getResponses()).toHaveLength(0);
    expect(env.state.events).toHaveLength(0);
    // Made on 30 June it was still published by default.
    const before = formAt(BEFORE);
    expect([before.form.isPublished(), before.form.isAcceptingResponses(), attempt(before.env.state, before.form.getId())]).toEqual([true, true, 'aceptada']);
  });

  test('create(title, isPublished) asks for the publish state, whatever the date', () => {
    expect(formAt(AFTER, true).form.isPublished()).toBe(true);
    expect(formAt(BEFORE, false).form.isPublished()).toBe(false);
    expect(() => new FormApp(makeTestEnv()).create('F', 'sí' as unknown as boolean)).toThrow('Invalid argument: isPublished');
  });

  test('setPublished(true) "also enables accepting responses"; setPublished(false) "stops it from accepting responses"; setAcceptingResponses(false) closes a published form', () => {
    const { env, form } = formAt(AFTER);
    form.setAcceptingResponses(true); // forced to false while unpublished (PublishState.isAcceptingResponses)
    expect(form.isAcceptingResponses()).toBe(false);
    form.setPublished(true);
    expect([form.isPublished(), form.isAcceptingResponses(), attempt(env.state, form.getId())]).toEqual([true, true, 'aceptada']);
    form.setAcceptingResponses(false);
    expect([form.isPublished(), form.isAcceptingResponses()]).toEqual([true, false]);
    expect(attempt(env.state, form.getId())).toBe('closed: Form response rejected: Encuesta: El formulario «Encuesta» ya no acepta respuestas.');
    form.setAcceptingResponses(true);
    form.setPublished(false);
    expect([form.isPublished(), form.isAcceptingResponses()]).toEqual([false, false]);
    expect(attempt(env.state, form.getId())).toMatch(/^unpublished: /);
    expect(form.getResponses()).toHaveLength(1);
  });

  test('a legacy form ("don\'t have the publishSettings field") does not support publishing: only the accepting switch applies', () => {
    const { env, form } = formAt(AFTER, true);
    formsStore(env.state).get(form.getId())!.supportsPublishing = false;
    expect(form.supportsAdvancedResponderPermissions()).toBe(false);
    expect(() => form.isPublished()).toThrow('This form does not support publishing.');
    expect(() => form.setPublished(true)).toThrow('This form does not support publishing.');
    expect(attempt(env.state, form.getId())).toBe('aceptada');
    form.setAcceptingResponses(false);
    expect(attempt(env.state, form.getId())).toMatch(/^closed: /);
  });

  test('a form saved before the emulator knew publish states counts as published', () => {
    const { env, form } = formAt(AFTER, false);
    const json = JSON.parse(JSON.stringify(env.state.toJSON()));
    const saved = json.stores.forms.forms[form.getId()];
    delete saved.published;
    delete saved.supportsPublishing;
    delete saved.requireLogin;
    const old = WorkspaceState.fromJSON(json);
    const reopened = new FormApp(nextExecution({ ...env, state: old })).openById(form.getId());
    expect([reopened.isPublished(), reopened.isAcceptingResponses(), reopened.requiresLogin()]).toEqual([true, true, false]);
    expect(attempt(old, form.getId())).toBe('aceptada');
  });

  test('setRequireLogin(true): only accounts "in the same domain or a subdomain" may respond; anyone with the link otherwise', () => {
    const { env, form } = formAt(AFTER, true); // owner consultora@trabajo.gob.pe
    expect(form.requiresLogin()).toBe(false);
    expect(attempt(env.state, form.getId())).toBe('aceptada');
    form.setRequireLogin(true);
    expect(form.requiresLogin()).toBe(true);
    const refused = 'loginRequired: Form response rejected: Encuesta: Para responder el formulario «Encuesta» debes iniciar sesión con una cuenta de trabajo.gob.pe.';
    expect(attempt(env.state, form.getId())).toBe(refused);
    expect(attempt(env.state, form.getId(), { signedInAs: 'ana.quispe@gmail.com' })).toBe(refused);
    expect(attempt(env.state, form.getId(), { signedInAs: 'ana@otrotrabajo.gob.pe' })).toBe(refused);
    expect(attempt(env.state, form.getId(), { signedInAs: 'luis@trabajo.gob.pe' })).toBe('aceptada');
    expect(attempt(env.state, form.getId(), { signedInAs: 'mesa@lima.trabajo.gob.pe' })).toBe('aceptada');
    form.setRequireLogin(false);
    expect(attempt(env.state, form.getId())).toBe('aceptada');
  });

  test('setPublishingSummary round-trips; the store and the browser UI see the publish state', () => {
    const { env, form } = formAt(AFTER);
    expect(form.setPublishingSummary(true).isPublishingSummary()).toBe(true);
    const [summary] = formsStore(env.state).listForms();
    expect([summary.published, summary.acceptingResponses, summary.requiresLogin]).toEqual([false, false, false]);
    const def = formsStore(env.state).formDefinition(form.getId());
    expect([def.published, def.acceptingResponses]).toEqual([false, false]);
  });

  test('Workspace.submitForm refuses an unpublished form: nothing stored, no trigger runs', () => {
    const ws = Workspace.create({ at: '2026-11-27T09:00', seed: 7 });
    const form = new FormApp(makeTestEnv({ state: ws.state })).create('Encuesta');
    form.addTextItem().setTitle('Nombre');
    let refused: unknown;
    try {
      ws.submitForm(form.getId(), { Nombre: 'Ana' });
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(FormSubmissionError);
    expect((refused as FormSubmissionError).reason).toBe('unpublished');
    expect(ws.forms()[0]).toMatchObject({ published: false, acceptingResponses: false, responses: 0 });
    expect(ws.executions()).toHaveLength(0);
  });
});

describe('form-submit triggers through the runtime (guides/triggers/events#form-submit)', () => {
  test('Workspace.submitForm fires a FORMS trigger with e.source (Form) and e.response (FormResponse)', () => {
    const ws = Workspace.create({ at: '2026-11-27T09:00', seed: 7 });
    const code = `
      function onSubmit(e) {
        var items = e.response.getItemResponses();
        MailApp.sendEmail('consultor@example.org', 'Nueva inscripción en ' + e.source.getTitle(),
          items[0].getItem().getTitle() + ': ' + items[0].getResponse() + ' / ' + e.response.getId());
      }
      function makeForm() {
        var f = FormApp.create('Inscripción', true);
        f.addTextItem().setTitle('Nombre').setRequired(true);
        return f.getId();
      }`;
    const project = new ScriptProject('p-forms', 'test', { code, html: {}, manifest: { timeZone: 'America/Lima' } });
    ws.state.projects.set(project.id, project);
    const made = ws.run(project.id, 'makeForm');
    expect(made.error).toBeUndefined();
    const formId = made.value as string;
    project.triggers.push({ uid: 't1', handler: 'onSubmit', owner: ws.state.user, source: 'FORMS', eventType: 'ON_FORM_SUBMIT', sourceId: formId, createdAt: ws.state.now() });

    const { responseId, executions } = ws.submitForm(formId, { Nombre: 'Ana Quispe' });
    expect(executions.map((e) => [e.functionName, e.trigger, e.status])).toEqual([['onSubmit', 'formSubmit', 'completed']]);
    expect(ws.outbox()).toHaveLength(1);
    expect(ws.outbox()[0]).toMatchObject({ subject: 'Nueva inscripción en Inscripción', body: `Nombre: Ana Quispe / ${responseId}` });
    expect(() => ws.submitForm(formId, {})).toThrow('Nombre: Esta pregunta es obligatoria.');
  });
});

/** The state behind a FormApp built by `setup()` (for host-side helpers in the same test). */
function makeState(app: FormApp): WorkspaceState {
  return app._env.state;
}

describe('response destination — form#setDestination(DestinationType, String)', () => {
  function linked(locale = 'es_PE') {
    const { env, FormApp: app } = setup();
    const ssId = sheetsStore(env.state).createSpreadsheet('Programación Talleres Masivos', env.exec.user, { locale });
    const form = app.create('Inscripción', true);
    const name = form.addTextItem().setTitle('Nombre').setRequired(true);
    const topics = form.addCheckboxItem().setTitle('Temas').setChoiceValues(['Costos', 'Marketing']);
    form.addSectionHeaderItem().setTitle('Datos');
    form.addTextItem().setTitle('DNI');
    return { env, app, ssId, form, name, topics };
  }

  test('links a spreadsheet: a response tab headed timestamp + question titles; getDestinationId/Type', () => {
    const { env, app, ssId, form } = linked();
    form.setDestination(app.DestinationType.SPREADSHEET, ssId);
    expect(form.getDestinationId()).toBe(ssId);
    expect(form.getDestinationType()).toBe('SPREADSHEET');
    expect(sheetsStore(env.state).sheetNames(ssId)[0]).toBe('Respuestas de formulario 1');
    expect(sheetsStore(env.state).readValues(ssId, 'Respuestas de formulario 1')[0]).toEqual(['Marca temporal', 'Nombre', 'Temas', 'DNI']);
  });

  test('each submission appends a row: timestamp first, answers in item order, checkboxes joined with ", "; the event names the row', () => {
    const { env, app, ssId, form } = linked();
    form.setDestination(app.DestinationType.SPREADSHEET, ssId);
    env.state.clock.advance(90_000);
    const { responseId } = submitFormResponse(env.state, form.getId(), { Nombre: 'Ana Quispe', Temas: ['Marketing', 'Costos'], DNI: '45678912' });
    const tab = 'Respuestas de formulario 1';
    const [, row] = sheetsStore(env.state).readValues(ssId, tab);
    expect(row[0]).toBeInstanceOf(Date);
    expect((row[0] as Date).getTime()).toBe(env.state.now());
    expect(row.slice(1)).toEqual(['Ana Quispe', 'Costos, Marketing', 45678912]); // Forms' sheet turns number-like text into numbers
    expect(env.state.events).toEqual([{ type: 'formSubmit', formId: form.getId(), responseId, spreadsheetId: ssId, sheetName: tab, row: 2 }]);
  });

  test('setDestination copies the responses the form already has; questions added later get a column', () => {
    const { env, app, ssId, form } = linked();
    submitFormResponse(env.state, form.getId(), { Nombre: 'Primera' });
    form.setDestination(app.DestinationType.SPREADSHEET, ssId);
    form.addTextItem().setTitle('Celular');
    submitFormResponse(env.state, form.getId(), { Nombre: 'Segunda', Celular: '987654321' });
    const values = sheetsStore(env.state).readValues(ssId, 'Respuestas de formulario 1');
    expect(values[0]).toEqual(['Marca temporal', 'Nombre', 'Temas', 'DNI', 'Celular']);
    expect(values.slice(1).map((r) => [r[1], r[4]])).toEqual([
      ['Primera', ''],
      ['Segunda', 987654321],
    ]);
  });

  test('collectEmail puts the respondent email second, under the locale\'s header', () => {
    const { env, app, ssId, form } = linked('en_US');
    form.setCollectEmail(true).setDestination(app.DestinationType.SPREADSHEET, ssId);
    submitFormResponse(env.state, form.getId(), { Nombre: 'Ana' }, { email: 'ana@example.org' });
    const values = sheetsStore(env.state).readValues(ssId, 'Form Responses 1');
    expect(values[0]).toEqual(['Timestamp', 'Email Address', 'Nombre', 'Temas', 'DNI']);
    expect(values[1].slice(1, 3)).toEqual(['ana@example.org', 'Ana']);
  });

  test('an unknown spreadsheet is refused and the form keeps no destination; removeDestination unlinks', () => {
    const { env, app, ssId, form } = linked();
    expect(() => form.setDestination(app.DestinationType.SPREADSHEET, '1nope')).toThrow();
    expect(() => form.getDestinationId()).toThrow('The form currently has no response destination.');
    form.setDestination(app.DestinationType.SPREADSHEET, ssId).removeDestination();
    submitFormResponse(env.state, form.getId(), { Nombre: 'Ana' });
    expect(sheetsStore(env.state).readValues(ssId, 'Respuestas de formulario 1')).toHaveLength(1);
    expect(form.getResponses()).toHaveLength(1);
  });

  test('a spreadsheet form-submit trigger gets e.values / e.namedValues / e.range of the new row', () => {
    const ws = Workspace.create({ at: '2026-11-27T09:00', seed: 11 });
    const ssId = ws.createSpreadsheet('Libro');
    const code = `
      function link(ssId) {
        var f = FormApp.create('Inscripción', true);
        f.addTextItem().setTitle('Nombre');
        f.addCheckboxItem().setTitle('Temas').setChoiceValues(['Costos', 'Marketing']);
        f.setDestination(FormApp.DestinationType.SPREADSHEET, ssId);
        return f.getId();
      }
      function onSubmit(e) {
        PropertiesService.getScriptProperties().setProperty('last',
          JSON.stringify({ values: e.values, named: e.namedValues, row: e.range.getRow() }));
      }`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forms-'));
    fs.writeFileSync(path.join(dir, 'Code.js'), code);
    fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Lima' }));
    ws.install(ssId, { distDir: dir });
    const formId = ws.run(ssId, 'link', [ssId]).value as string;
    ws.project(ssId).triggers.push({ uid: 't2', handler: 'onSubmit', owner: ws.state.user, source: 'SPREADSHEETS', eventType: 'ON_FORM_SUBMIT', sourceId: ssId, createdAt: ws.state.now() });
    const { executions } = ws.submitForm(formId, { Nombre: 'Ana', Temas: ['Costos', 'Marketing'] });
    expect(executions.map((e) => e.status)).toEqual(['completed']);
    const last = JSON.parse(ws.properties(ssId).last) as { values: string[]; named: Record<string, string[]>; row: number };
    expect(last.row).toBe(2);
    expect(last.values.slice(1)).toEqual(['Ana', 'Costos, Marketing']);
    expect(last.named.Nombre).toEqual(['Ana']);
    expect(last.named.Temas).toEqual(['Costos, Marketing']);
  });
});
