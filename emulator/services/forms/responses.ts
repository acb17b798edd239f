import type { ServiceEnv } from '../../core/env';
import { GasObject } from '../../core/gas-object';
import { Item, ItemBase } from './items';
import { NOT_FOUND, type AnswerValue, type FormRecord, type ResponseRecord } from './model';
import { formsStore } from './store';
import { recordResponse } from './submit';
import { editResponseUrl, prefilledUrl } from './urls';

/** One answer to one item (developers.google.com/apps-script/reference/forms/item-response). */
export class ItemResponse extends GasObject {
  readonly _service = 'Forms' as const;
  readonly _class = 'ItemResponse';

  constructor(
    readonly _env: ServiceEnv,
    readonly _formId: string,
    readonly _itemId: number,
    readonly _value: AnswerValue,
  ) {
    super();
  }

  getItem(): Item {
    return new Item(this._env, this._formId, this._itemId);
  }

  /** A String, or a String[] for checkbox items. */
  getResponse(): AnswerValue {
    return Array.isArray(this._value) ? [...this._value] : this._value;
  }
}

/**
 * A form response (developers.google.com/apps-script/reference/forms/form-response): either a
 * stored one, or a draft built with `Form.createResponse()` until `submit()` stores it.
 */
export class FormResponse extends GasObject {
  readonly _service = 'Forms' as const;
  readonly _class = 'FormResponse';
  readonly _draft = new Map<number, AnswerValue>();

  constructor(
    readonly _env: ServiceEnv,
    readonly _formId: string,
    public _responseId: string | null,
  ) {
    super();
  }

  _form(): FormRecord {
    const f = formsStore(this._env.state).get(this._formId);
    if (!f) throw new Error(NOT_FOUND);
    return f;
  }

  _record(): ResponseRecord | undefined {
    if (this._responseId === null) return undefined;
    const r = this._form().responses.find((x) => x.id === this._responseId);
    if (!r) throw new Error(NOT_FOUND);
    return r;
  }

  /** Answers in the form's item order (answers to deleted items are gone with them). */
  _answers(): { itemId: number; value: AnswerValue }[] {
    const rec = this._record();
    const given = rec ? new Map(rec.answers.map((a) => [a.itemId, a.value])) : this._draft;
    return this._form()
      .items.filter((i) => given.has(i.id))
      .map((i) => ({ itemId: i.id, value: given.get(i.id)! }));
  }

  /** Null until the response is submitted. */
  getId(): string | null {
    return this._responseId;
  }

  getTimestamp(): Date | null {
    const rec = this._record();
    return rec ? new Date(rec.timestamp) : null;
  }

  getRespondentEmail(): string {
    return this._record()?.email ?? '';
  }

  getItemResponses(): ItemResponse[] {
    return this._answers().map((a) => new ItemResponse(this._env, this._formId, a.itemId, a.value));
  }

  getResponseForItem(item: ItemBase): ItemResponse | null {
    if (!(item instanceof ItemBase)) throw new Error('Invalid argument: item');
    const a = this._answers().find((x) => x.itemId === item._itemId);
    return a ? new ItemResponse(this._env, this._formId, a.itemId, a.value) : null;
  }

  getEditResponseUrl(): string {
    if (this._responseId === null) throw new Error('The response has not been submitted yet.');
    return editResponseUrl(this._form(), this._responseId);
  }

  /** Only for a draft: "it cannot affect stored responses" (form-response#withItemResponse). */
  withItemResponse(response: ItemResponse): this {
    if (!(response instanceof ItemResponse) || response._formId !== this._formId) throw new Error('Invalid argument: response');
    if (this._responseId !== null) throw new Error('A submitted response cannot be changed.');
    this._draft.set(response._itemId, response._value);
    return this;
  }

  toPrefilledUrl(): string {
    const form = this._form();
    const answers = this._answers().map((a) => ({ item: form.items.find((i) => i.id === a.itemId)!, value: a.value }));
    return prefilledUrl(form, answers);
  }

  /** Stores the draft as a response: written to the destination sheet, form-submit triggers fire. */
  submit(): this {
    if (this._responseId !== null) throw new Error('This response has already been submitted.');
    const form = this._form();
    const email = form.collectEmail ? this._env.exec.user : '';
    const rec = recordResponse(this._env.state, form, new Map(this._draft), email);
    this._responseId = rec.id;
    this._draft.clear();
    return this;
  }
}
