import type { ServiceEnv } from '../../core/env';
import { GasObject, isDate } from '../../core/gas-object';
import { linkDestination, writeToDestination } from './destination';
import {
  CheckboxItem,
  DateItem,
  Item,
  ItemBase,
  ListItem,
  MultipleChoiceItem,
  PageBreakItem,
  ParagraphTextItem,
  ScaleItem,
  SectionHeaderItem,
  TextItem,
  addItem,
  typedItem,
} from './items';
import { acceptsResponses, NO_DESTINATION, NOT_FOUND, PUBLISHING_UNSUPPORTED, type FormRecord } from './model';
import { FormResponse } from './responses';
import { formsStore } from './store';
import { editUrl, publishedUrl } from './urls';

/** A Google Form (developers.google.com/apps-script/reference/forms/form). */
export class Form extends GasObject {
  readonly _service = 'Forms' as const;
  readonly _class = 'Form';

  constructor(
    readonly _env: ServiceEnv,
    readonly _formId: string,
  ) {
    super();
  }

  _rec(): FormRecord {
    const f = formsStore(this._env.state).get(this._formId);
    if (!f) throw new Error(NOT_FOUND);
    return f;
  }

  _set<K extends keyof FormRecord>(key: K, value: FormRecord[K]): this {
    this._rec()[key] = value;
    return this;
  }

  getId(): string {
    return this._formId;
  }
  getTitle(): string {
    return this._rec().title;
  }
  setTitle(title: string): this {
    return this._set('title', String(title ?? ''));
  }
  getDescription(): string {
    return this._rec().description;
  }
  setDescription(text: string): this {
    return this._set('description', String(text ?? ''));
  }
  getConfirmationMessage(): string {
    return this._rec().confirmationMessage;
  }
  setConfirmationMessage(message: string): this {
    return this._set('confirmationMessage', String(message ?? ''));
  }
  getCustomClosedFormMessage(): string {
    return this._rec().customClosedFormMessage;
  }
  setCustomClosedFormMessage(message: string): this {
    return this._set('customClosedFormMessage', String(message ?? ''));
  }
  collectsEmail(): boolean {
    return this._rec().collectEmail;
  }
  setCollectEmail(collect: boolean): this {
    return this._set('collectEmail', collect === true);
  }
  /** False while the form is unpublished, whatever the switch says (PublishState.isAcceptingResponses). */
  isAcceptingResponses(): boolean {
    return acceptsResponses(this._rec());
  }
  /** On an unpublished form the switch is kept but has no effect until it is published. */
  setAcceptingResponses(enabled: boolean): this {
    return this._set('acceptingResponses', enabled === true);
  }

  /**
   * Publishing (developers.google.com/workspace/forms/api/guides/publish-form): "Publish the
   * form. This also enables accepting responses"; "Unpublishing a form makes it unavailable and
   * automatically stops it from accepting responses". A legacy form has no publish state.
   */
  isPublished(): boolean {
    const form = this._rec();
    if (form.supportsPublishing === false) throw new Error(PUBLISHING_UNSUPPORTED);
    return form.published !== false;
  }
  setPublished(enabled: boolean): this {
    const form = this._rec();
    if (form.supportsPublishing === false) throw new Error(PUBLISHING_UNSUPPORTED);
    form.published = enabled === true;
    form.acceptingResponses = enabled === true;
    return this;
  }
  /** "Determines whether the form supports publishing" (false for a legacy form). */
  supportsAdvancedResponderPermissions(): boolean {
    return this._rec().supportsPublishing !== false;
  }
  /** Deprecated in the reference; still answered. */
  requiresLogin(): boolean {
    return this._rec().requireLogin === true;
  }
  /** Deprecated: only accounts of the owner's domain (or a subdomain) may respond. */
  setRequireLogin(requireLogin: boolean): this {
    return this._set('requireLogin', requireLogin === true);
  }
  isPublishingSummary(): boolean {
    return this._rec().publishingSummary === true;
  }
  setPublishingSummary(enabled: boolean): this {
    return this._set('publishingSummary', enabled === true);
  }
  hasLimitOneResponsePerUser(): boolean {
    return this._rec().limitOneResponsePerUser;
  }
  setLimitOneResponsePerUser(enabled: boolean): this {
    return this._set('limitOneResponsePerUser', enabled === true);
  }
  canEditResponse(): boolean {
    return this._rec().allowResponseEdits;
  }
  setAllowResponseEdits(enabled: boolean): this {
    return this._set('allowResponseEdits', enabled === true);
  }
  hasProgressBar(): boolean {
    return this._rec().progressBar;
  }
  setProgressBar(enabled: boolean): this {
    return this._set('progressBar', enabled === true);
  }
  hasRespondAgainLink(): boolean {
    return this._rec().showLinkToRespondAgain;
  }
  setShowLinkToRespondAgain(enabled: boolean): this {
    return this._set('showLinkToRespondAgain', enabled === true);
  }

  getPublishedUrl(): string {
    return publishedUrl(this._rec());
  }
  getEditUrl(): string {
    return editUrl(this._rec());
  }
  getSummaryUrl(): string {
    return `https://docs.google.com/forms/d/${this._formId}/viewanalytics`;
  }

  /** A forms.gle link for one of this form's URLs; the same long URL always gets the same link. */
  shortenFormUrl(url: string): string {
    const form = this._rec();
    const long = String(url);
    if (!/^https:\/\/docs\.google\.com\/forms\//.test(long)) throw new Error('Invalid argument: url');
    const known = Object.entries(form.shortLinks).find(([, l]) => l === long);
    if (known) return known[0];
    const short = `https://forms.gle/${this._env.state.random.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 17)}`;
    form.shortLinks[short] = long;
    return short;
  }

  addTextItem(): TextItem {
    return addItem(this._env, this._rec(), 'TEXT') as TextItem;
  }
  addParagraphTextItem(): ParagraphTextItem {
    return addItem(this._env, this._rec(), 'PARAGRAPH_TEXT') as ParagraphTextItem;
  }
  addMultipleChoiceItem(): MultipleChoiceItem {
    return addItem(this._env, this._rec(), 'MULTIPLE_CHOICE') as MultipleChoiceItem;
  }
  addCheckboxItem(): CheckboxItem {
    return addItem(this._env, this._rec(), 'CHECKBOX') as CheckboxItem;
  }
  addListItem(): ListItem {
    return addItem(this._env, this._rec(), 'LIST') as ListItem;
  }
  addScaleItem(): ScaleItem {
    return addItem(this._env, this._rec(), 'SCALE') as ScaleItem;
  }
  addDateItem(): DateItem {
    return addItem(this._env, this._rec(), 'DATE') as DateItem;
  }
  addSectionHeaderItem(): SectionHeaderItem {
    return addItem(this._env, this._rec(), 'SECTION_HEADER') as SectionHeaderItem;
  }
  addPageBreakItem(): PageBreakItem {
    return addItem(this._env, this._rec(), 'PAGE_BREAK') as PageBreakItem;
  }

  /** All items, or those of one FormApp.ItemType, as generic Items. */
  getItems(itemType?: string): Item[] {
    return this._rec()
      .items.filter((i) => itemType === undefined || itemType === null || i.type === String(itemType))
      .map((i) => new Item(this._env, this._formId, i.id));
  }

  getItemById(id: number | string): Item | null {
    const rec = this._rec().items.find((i) => i.id === Number(id));
    return rec ? new Item(this._env, this._formId, rec.id) : null;
  }

  deleteItem(indexOrItem: number | ItemBase): void {
    const items = this._rec().items;
    const index = this._indexOf(indexOrItem);
    items.splice(index, 1);
  }

  /** Moves an item (given by index or object) to `toIndex`; returns it. */
  moveItem(from: number | ItemBase, toIndex: number): ItemBase {
    const items = this._rec().items;
    const index = this._indexOf(from);
    if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= items.length) throw new Error('Invalid argument: toIndex');
    const [rec] = items.splice(index, 1);
    items.splice(toIndex, 0, rec);
    return typedItem(this._env, this._formId, rec);
  }

  _indexOf(x: number | ItemBase): number {
    const items = this._rec().items;
    const index = x instanceof ItemBase ? items.findIndex((i) => i.id === x._itemId) : Number(x);
    if (!Number.isInteger(index) || index < 0 || index >= items.length) throw new Error('Invalid argument: index');
    return index;
  }

  /**
   * Links a spreadsheet: Forms makes a response tab there and copies the responses it already has
   * (form#setDestination(DestinationType,String)).
   */
  setDestination(type: string, id: string): this {
    if (String(type) !== 'SPREADSHEET') throw new Error('Invalid argument: type');
    const form = this._rec();
    const spreadsheetId = String(id);
    const previous = form.destination;
    try {
      linkDestination(this._env.state, form, spreadsheetId);
    } catch (e) {
      form.destination = previous; // an unknown spreadsheet leaves the form as it was
      throw e;
    }
    for (const r of form.responses) writeToDestination(this._env.state, form, r);
    return this;
  }

  getDestinationId(): string {
    const d = this._rec().destination;
    if (!d) throw new Error(NO_DESTINATION);
    return d.id;
  }

  getDestinationType(): string {
    const d = this._rec().destination;
    if (!d) throw new Error(NO_DESTINATION);
    return d.type;
  }

  removeDestination(): this {
    delete this._rec().destination;
    return this;
  }

  createResponse(): FormResponse {
    return new FormResponse(this._env, this._formId, null);
  }

  /** All responses, or those submitted at or after `timestamp`, oldest first. */
  getResponses(timestamp?: Date): FormResponse[] {
    const since = timestamp === undefined || timestamp === null ? -Infinity : isDate(timestamp) ? timestamp.getTime() : NaN;
    if (Number.isNaN(since)) throw new Error('Invalid argument: timestamp');
    return this._rec()
      .responses.filter((r) => r.timestamp >= since)
      .map((r) => new FormResponse(this._env, this._formId, r.id));
  }

  getResponse(responseId: string): FormResponse {
    if (!this._rec().responses.some((r) => r.id === responseId)) throw new Error('Invalid argument: responseId');
    return new FormResponse(this._env, this._formId, responseId);
  }

  deleteAllResponses(): this {
    this._rec().responses = [];
    return this;
  }

  deleteResponse(responseId: string): this {
    const form = this._rec();
    const before = form.responses.length;
    form.responses = form.responses.filter((r) => r.id !== responseId);
    if (form.responses.length === before) throw new Error('Invalid argument: responseId');
    return this;
  }
}
