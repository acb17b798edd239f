import type { ServiceEnv } from '../../core/env';
import { GasObject, isDate } from '../../core/gas-object';
import { zonedParts } from '../../core/zones';
import { normaliseAnswer } from './answers';
import { CHOICE_TYPES, NOT_FOUND, invalidConversion, type FormRecord, type ItemRecord, type SupportedType } from './model';
import { ItemResponse } from './responses';
import { formsStore } from './store';
import { TextValidation } from './validation';

/**
 * Form items (developers.google.com/apps-script/reference/forms/item and the typed classes
 * TextItem, MultipleChoiceItem …). Objects are views: every call reads and writes the stored
 * item, so two handles on the same item always agree.
 */
export abstract class ItemBase extends GasObject {
  readonly _service = 'Forms' as const;

  constructor(
    readonly _env: ServiceEnv,
    readonly _formId: string,
    readonly _itemId: number,
  ) {
    super();
  }

  _form(): FormRecord {
    const f = formsStore(this._env.state).get(this._formId);
    if (!f) throw new Error(NOT_FOUND);
    return f;
  }

  _rec(): ItemRecord {
    const r = this._form().items.find((i) => i.id === this._itemId);
    if (!r) throw new Error(NOT_FOUND);
    return r;
  }

  getId(): number {
    return this._itemId;
  }

  getTitle(): string {
    return this._rec().title;
  }

  setTitle(title: string): this {
    this._rec().title = String(title ?? '');
    return this;
  }

  getHelpText(): string {
    return this._rec().helpText;
  }

  setHelpText(text: string): this {
    this._rec().helpText = String(text ?? '');
    return this;
  }

  getIndex(): number {
    return this._form().items.findIndex((i) => i.id === this._itemId);
  }

  getType(): string {
    return this._rec().type;
  }

  /** A copy with new IDs, placed right after this item. */
  duplicate(): ItemBase {
    const form = this._form();
    const rec = this._rec();
    const fresh = formsStore(this._env.state).newItem(form, rec.type, this._env.state.random);
    const copy: ItemRecord = { ...structuredClone(rec), id: fresh.id, entryId: fresh.entryId };
    form.items.splice(this.getIndex() + 1, 0, copy);
    return typedItem(this._env, this._formId, copy);
  }
}

/** The generic Item that Form.getItems() returns; `asXxxItem()` gives the typed view. */
export class Item extends ItemBase {
  readonly _class = 'Item';

  asTextItem(): TextItem {
    return this._as('TEXT') as TextItem;
  }
  asParagraphTextItem(): ParagraphTextItem {
    return this._as('PARAGRAPH_TEXT') as ParagraphTextItem;
  }
  asMultipleChoiceItem(): MultipleChoiceItem {
    return this._as('MULTIPLE_CHOICE') as MultipleChoiceItem;
  }
  asCheckboxItem(): CheckboxItem {
    return this._as('CHECKBOX') as CheckboxItem;
  }
  asListItem(): ListItem {
    return this._as('LIST') as ListItem;
  }
  asScaleItem(): ScaleItem {
    return this._as('SCALE') as ScaleItem;
  }
  asDateItem(): DateItem {
    return this._as('DATE') as DateItem;
  }
  asSectionHeaderItem(): SectionHeaderItem {
    return this._as('SECTION_HEADER') as SectionHeaderItem;
  }
  asPageBreakItem(): PageBreakItem {
    return this._as('PAGE_BREAK') as PageBreakItem;
  }
  // Kinds the emulator never creates: asking for them fails as it would for any other type.
  asGridItem(): never {
    return this._as('GRID') as never;
  }
  asCheckboxGridItem(): never {
    return this._as('CHECKBOX_GRID') as never;
  }
  asDateTimeItem(): never {
    return this._as('DATETIME') as never;
  }
  asTimeItem(): never {
    return this._as('TIME') as never;
  }
  asDurationItem(): never {
    return this._as('DURATION') as never;
  }
  asImageItem(): never {
    return this._as('IMAGE') as never;
  }
  asVideoItem(): never {
    return this._as('VIDEO') as never;
  }

  _as(type: string): ItemBase {
    const rec = this._rec();
    if (rec.type !== type) throw new Error(invalidConversion(rec.type));
    return typedItem(this._env, this._formId, rec);
  }
}

/** Items a respondent answers. */
abstract class QuestionItem extends ItemBase {
  isRequired(): boolean {
    return this._rec().required;
  }

  setRequired(enabled: boolean): this {
    this._rec().required = enabled === true;
    return this;
  }

  /** Checks a scripted answer the way the form would (choices, bounds), without `required`. */
  _response(value: unknown): ItemResponse {
    const judged = normaliseAnswer(this._rec(), value);
    if (!judged.ok || judged.value === undefined) throw new Error('Invalid response submitted to item.');
    return new ItemResponse(this._env, this._formId, this._itemId, judged.value);
  }
}

abstract class TextLikeItem extends QuestionItem {
  setValidation(validation: TextValidation): this {
    if (!(validation instanceof TextValidation)) throw new Error('Invalid argument: validation');
    this._rec().validation = structuredClone(validation._data);
    return this;
  }

  clearValidation(): this {
    delete this._rec().validation;
    return this;
  }

  createResponse(response: string): ItemResponse {
    // Scripted text answers are taken as given: validation is the respondent's UI.
    return new ItemResponse(this._env, this._formId, this._itemId, String(response ?? ''));
  }
}

export class TextItem extends TextLikeItem {
  readonly _class = 'TextItem';
}

export class ParagraphTextItem extends TextLikeItem {
  readonly _class = 'ParagraphTextItem';
}

/** One option of a choice item (Choice in the reference). */
export class Choice extends GasObject {
  readonly _service = 'Forms' as const;
  readonly _class = 'Choice';

  constructor(readonly _value: string) {
    super();
  }

  getValue(): string {
    return this._value;
  }
}

abstract class ChoiceItem extends QuestionItem {
  setChoiceValues(values: string[]): this {
    if (!Array.isArray(values)) throw new Error('Invalid argument: values');
    this._rec().choices = values.map((v) => String(v));
    return this;
  }

  setChoices(choices: Choice[]): this {
    if (!Array.isArray(choices) || choices.some((c) => !(c instanceof Choice))) throw new Error('Invalid argument: choices');
    this._rec().choices = choices.map((c) => c._value);
    return this;
  }

  createChoice(value: string): Choice {
    return new Choice(String(value));
  }

  getChoices(): Choice[] {
    return (this._rec().choices ?? []).map((v) => new Choice(v));
  }
}

export class MultipleChoiceItem extends ChoiceItem {
  readonly _class = 'MultipleChoiceItem';

  showOtherOption(enabled: boolean): this {
    this._rec().otherOption = enabled === true;
    return this;
  }

  hasOtherOption(): boolean {
    return !!this._rec().otherOption;
  }

  createResponse(response: string): ItemResponse {
    return this._response(response);
  }
}

export class CheckboxItem extends ChoiceItem {
  readonly _class = 'CheckboxItem';

  showOtherOption(enabled: boolean): this {
    this._rec().otherOption = enabled === true;
    return this;
  }

  hasOtherOption(): boolean {
    return !!this._rec().otherOption;
  }

  createResponse(responses: string[]): ItemResponse {
    if (!Array.isArray(responses)) throw new Error('Invalid argument: responses');
    return this._response(responses);
  }
}

export class ListItem extends ChoiceItem {
  readonly _class = 'ListItem';

  createResponse(response: string): ItemResponse {
    return this._response(response);
  }
}

export class ScaleItem extends QuestionItem {
  readonly _class = 'ScaleItem';

  /** The reference: lower bound 0 or 1, upper bound 3 to 10. */
  setBounds(lower: number, upper: number): this {
    if (lower !== 0 && lower !== 1) throw new Error('Invalid argument: lower');
    if (!Number.isInteger(upper) || upper < 3 || upper > 10) throw new Error('Invalid argument: upper');
    const r = this._rec();
    r.lowerBound = lower;
    r.upperBound = upper;
    return this;
  }

  getLowerBound(): number {
    return this._rec().lowerBound ?? 1;
  }

  getUpperBound(): number {
    return this._rec().upperBound ?? 5;
  }

  setLabels(lower: string, upper: string): this {
    const r = this._rec();
    r.leftLabel = String(lower ?? '');
    r.rightLabel = String(upper ?? '');
    return this;
  }

  getLeftLabel(): string {
    return this._rec().leftLabel ?? '';
  }

  getRightLabel(): string {
    return this._rec().rightLabel ?? '';
  }

  createResponse(response: number): ItemResponse {
    return this._response(response);
  }
}

export class DateItem extends QuestionItem {
  readonly _class = 'DateItem';

  setIncludesYear(enable: boolean): this {
    this._rec().includesYear = enable === true;
    return this;
  }

  includesYear(): boolean {
    return this._rec().includesYear !== false;
  }

  /** The date as the script's time zone shows it: answers are calendar dates, "YYYY-MM-DD". */
  createResponse(response: Date): ItemResponse {
    if (!isDate(response)) throw new Error('Invalid argument: response');
    const p = zonedParts(response.getTime(), this._env.project.timeZone);
    const two = (n: number) => String(n).padStart(2, '0');
    return this._response(`${p.year}-${two(p.month)}-${two(p.day)}`);
  }
}

export class SectionHeaderItem extends ItemBase {
  readonly _class = 'SectionHeaderItem';
}

export class PageBreakItem extends ItemBase {
  readonly _class = 'PageBreakItem';
}

type ItemClass = new (env: ServiceEnv, formId: string, itemId: number) => ItemBase;

const TYPED: Record<SupportedType, ItemClass> = {
  TEXT: TextItem,
  PARAGRAPH_TEXT: ParagraphTextItem,
  MULTIPLE_CHOICE: MultipleChoiceItem,
  CHECKBOX: CheckboxItem,
  LIST: ListItem,
  SCALE: ScaleItem,
  DATE: DateItem,
  SECTION_HEADER: SectionHeaderItem,
  PAGE_BREAK: PageBreakItem,
};

export function typedItem(env: ServiceEnv, formId: string, rec: ItemRecord): ItemBase {
  return new TYPED[rec.type](env, formId, rec.id);
}

/** Adds a new item of `type` at the end of the form, with the defaults Forms gives it. */
export function addItem(env: ServiceEnv, form: FormRecord, type: SupportedType): ItemBase {
  const rec = formsStore(env.state).newItem(form, type, env.state.random);
  if (CHOICE_TYPES.has(type)) rec.choices = [];
  if (type === 'SCALE') Object.assign(rec, { lowerBound: 1, upperBound: 5, leftLabel: '', rightLabel: '' });
  if (type === 'DATE') rec.includesYear = true;
  form.items.push(rec);
  return typedItem(env, form.id, rec);
}

