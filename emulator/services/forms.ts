import type { ServiceEnv, ServiceInstaller } from '../core/env';
import { GasObject, type GasEnum } from '../core/gas-object';
import { Form } from './forms/form';
import { ITEM_TYPE, NOT_FOUND } from './forms/model';
import { FormResponse } from './forms/responses';
import { formsStore } from './forms/store';
import { TextValidationBuilder } from './forms/validation';

export { formsStore, FormsStore } from './forms/store';
export type { FormDefinition, FormSummary } from './forms/store';
export type { FormRecord, ItemRecord, ResponseRecord, AnswerValue } from './forms/model';
export { submitFormResponse, FormSubmissionError } from './forms/submit';
export type { AnswerProblem, RefusalReason } from './forms/submit';
export { parsePrefilledUrl } from './forms/urls';
export { Form } from './forms/form';

/**
 * FormApp (developers.google.com/apps-script/reference/forms/form-app). The project is bound
 * to a spreadsheet, so there is no active form. `_form` and `_responseObject` build the
 * objects the runtime hands to form-submit triggers (`e.source`, `e.response`).
 */
export class FormApp extends GasObject {
  readonly _service = 'Forms' as const;
  readonly _class = 'FormApp';
  readonly ItemType: GasEnum = { ...ITEM_TYPE };
  readonly DestinationType: GasEnum = { SPREADSHEET: 'SPREADSHEET' };

  constructor(readonly _env: ServiceEnv) {
    super();
  }

  /**
   * create(title) / create(title, isPublished) (form-app#create): without `isPublished` the form
   * is published only when made before 1 July 2026 (forms/api/guides/api-changes-to-google-forms).
   */
  create(title: string, isPublished?: boolean): Form {
    if (title === undefined || title === null || String(title) === '') throw new Error('Invalid argument: title');
    if (isPublished !== undefined && typeof isPublished !== 'boolean') throw new Error('Invalid argument: isPublished');
    const { state, exec } = this._env;
    const form = formsStore(state).create(exec.user, String(title), state.now(), state.random, isPublished);
    return new Form(this._env, form.id);
  }

  openById(id: string): Form {
    if (!formsStore(this._env.state).get(String(id))) throw new Error(NOT_FOUND);
    return new Form(this._env, String(id));
  }

  openByUrl(url: string): Form {
    const form = formsStore(this._env.state).formByPublishedUrl(String(url));
    if (!form) throw new Error(NOT_FOUND);
    return new Form(this._env, form.id);
  }

  getActiveForm(): Form | null {
    return null;
  }

  createTextValidation(): TextValidationBuilder {
    return new TextValidationBuilder(false);
  }

  createParagraphTextValidation(): TextValidationBuilder {
    return new TextValidationBuilder(true);
  }

  _form(formId: string): Form {
    return this.openById(formId);
  }

  _responseObject(formId: string, responseId: string): FormResponse {
    return this._form(formId).getResponse(responseId);
  }
}

export const install: ServiceInstaller = (env) => ({ FormApp: new FormApp(env) });
