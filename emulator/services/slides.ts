import type { ServiceEnv, ServiceInstaller } from '../core/env';
import { GasObject, type GasEnum } from '../core/gas-object';
import { Blob } from './blob';
import { canEditItem, canViewItem } from './drive/access';
import { driveStore, type DriveItem } from './drive/store';
import { hasScope } from './sheets/scopes';
import { savePresentation, workingPresentation } from './slides/doc';
import {
  DEFAULT_FONT_SIZE,
  PRESENTATION_MIME,
  newObjectId,
  newPresentation,
  newSlide,
  replaceInElement,
  type Alignment,
  type ElementData,
  type PresentationData,
  type SlideData,
  type TextStyleData,
} from './slides/model';
import { imageSize } from './slides/images';

export { PRESENTATION_MIME } from './slides/model';
export type { PresentationData } from './slides/model';

/**
 * SlidesApp (developers.google.com/apps-script/reference/slides/slides-app) and the part of
 * Presentation, Slide, PageElement, Shape, Image, Table, TextRange, TextStyle and ParagraphStyle
 * that scripts filling a template use. A presentation is a Drive item of type
 * 'application/vnd.google-apps.presentation' (DriveApp sees it, copies it, exports it to PDF);
 * its content lives in the item (services/slides/model.ts). Edits go to the execution's working
 * copy and are saved by saveAndClose or when the execution ends (services/slides/doc.ts).
 *
 * Not modeled: layouts and masters beyond the placeholders of a new slide, per-character text
 * styles (a TextStyle applies to the whole text of its shape or cell), autofit, groups, lines,
 * videos, charts, speaker notes, transforms other than position and size.
 */
export const SLIDES_SCOPES = {
  presentations: 'https://www.googleapis.com/auth/presentations',
  currentOnly: 'https://www.googleapis.com/auth/presentations.currentonly',
};

export const SLIDES_MESSAGES = {
  noPermission: (method: string) => `You do not have permission to call SlidesApp.${method}. Required permissions: ${SLIDES_SCOPES.presentations}`,
  // The Slides API's answer for an ID that does not exist or that the user cannot open (emulator's best reading).
  notFound: 'Requested entity was not found.',
  // A write by someone who may only view the file (the Slides API's 403 text; emulator's best reading).
  noEdit: 'The caller does not have permission',
  // The emulator's wording for calls on a presentation after saveAndClose (the reference: "A closed Presentation can't be edited").
  closed: 'The presentation is closed. Reopen it with SlidesApp.openById to edit it.',
  // The emulator's wording for calls on a page element or slide removed earlier.
  removed: (id: string) => `The object (${id}) has been deleted.`,
  invalidImage: 'Invalid image data',
  invalid: (what: string) => `Invalid argument: ${what}`,
};

const enumOf = (names: readonly string[]): GasEnum => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));

const SHAPE_TYPES = [
  'TEXT_BOX', 'RECTANGLE', 'ROUND_RECTANGLE', 'ELLIPSE', 'ARC', 'BENT_ARROW', 'BEVEL', 'CLOUD', 'DIAMOND', 'FRAME',
  'HEXAGON', 'OCTAGON', 'PARALLELOGRAM', 'PENTAGON', 'PLAQUE', 'RIGHT_ARROW', 'STAR_5', 'TRAPEZOID', 'TRIANGLE', 'WAVE',
];
const LAYOUTS = ['BLANK', 'CAPTION_ONLY', 'TITLE', 'TITLE_AND_BODY', 'TITLE_AND_TWO_COLUMNS', 'TITLE_ONLY', 'SECTION_HEADER', 'SECTION_TITLE_AND_DESCRIPTION', 'ONE_COLUMN_TEXT', 'MAIN_POINT', 'BIG_NUMBER'];
const ALIGNMENTS: Alignment[] = ['START', 'CENTER', 'END', 'JUSTIFIED'];

/** One opened presentation in one execution: what its objects share (closed by saveAndClose). */
class Session {
  closed = false;
  constructor(
    readonly env: ServiceEnv,
    readonly fileId: string,
  ) {}

  get item(): DriveItem {
    const item = driveStore(this.env.state).get(this.fileId);
    if (!item || item.mimeType !== PRESENTATION_MIME || !canViewItem(item, this.env.exec.user)) throw new Error(SLIDES_MESSAGES.notFound);
    return item;
  }

  /** The execution's working copy, for reading. */
  read(): PresentationData {
    if (this.closed) throw new Error(SLIDES_MESSAGES.closed);
    return workingPresentation(this.item, this.env.exec.record.id);
  }

  /** The working copy, for a change: the user must be allowed to edit the file. */
  write(): PresentationData {
    if (this.closed) throw new Error(SLIDES_MESSAGES.closed);
    const item = this.item;
    if (!canEditItem(item, this.env.exec.user)) throw new Error(SLIDES_MESSAGES.noEdit);
    return workingPresentation(item, this.env.exec.record.id);
  }

  slide(id: string, forWrite = false): SlideData {
    const p = forWrite ? this.write() : this.read();
    const s = p.slides.find((x) => x.id === id);
    if (!s) throw new Error(SLIDES_MESSAGES.removed(id));
    return s;
  }

  element(slideId: string, id: string, forWrite = false): ElementData {
    const e = this.slide(slideId, forWrite).elements.find((x) => x.id === id);
    if (!e) throw new Error(SLIDES_MESSAGES.removed(id));
    return e;
  }
}

const num = (v: unknown, what: string): number => {
  const n = Number(v);
  if (typeof v !== 'number' || !Number.isFinite(n)) throw new Error(SLIDES_MESSAGES.invalid(what));
  return n;
};

function makeElement(session: Session, slideId: string, e: ElementData): PageElement {
  if (e.kind === 'shape') return new Shape(session, slideId, e.id);
  if (e.kind === 'image') return new Image(session, slideId, e.id);
  return new Table(session, slideId, e.id);
}

/** SlidesApp (reference/slides/slides-app). */
export class SlidesApp extends GasObject {
  readonly _service = 'Slides' as const;
  readonly _class = 'SlidesApp';
  readonly ShapeType = enumOf(SHAPE_TYPES);
  readonly PredefinedLayout = enumOf(LAYOUTS);
  readonly ParagraphAlignment = enumOf([...ALIGNMENTS, 'PARAGRAPH_ALIGNMENT_UNSUPPORTED']);
  readonly PageElementType = enumOf(['SHAPE', 'IMAGE', 'TABLE', 'UNSUPPORTED']);

  constructor(private readonly _env: ServiceEnv) {
    super();
  }

  private _auth(method: string): void {
    if (!hasScope(this._env, SLIDES_SCOPES.presentations)) throw new Error(SLIDES_MESSAGES.noPermission(method));
  }

  /** "Creates and opens a new Presentation": in the user's My Drive, one title slide with empty placeholders. */
  create(name: string): Presentation {
    this._auth('create');
    if (typeof name !== 'string') throw new Error(SLIDES_MESSAGES.invalid('name'));
    const { state, exec } = this._env;
    state.quotas.consume(exec.user, 'presentationsCreated', 1, state.now());
    const store = driveStore(state);
    const item = store.add({ kind: 'file', name, mimeType: PRESENTATION_MIME, parents: [store.root(exec.user).id], owner: exec.user, doc: newPresentation() });
    return new Presentation(new Session(this._env, item.id));
  }

  openById(id: string): Presentation {
    this._auth('openById');
    const session = new Session(this._env, String(id ?? ''));
    void session.item; // throws for an unknown ID, another type, or no access
    return new Presentation(session);
  }

  openByUrl(url: string): Presentation {
    const m = /\/presentation\/d\/([A-Za-z0-9_-]+)/.exec(String(url ?? ''));
    if (!m) throw new Error(SLIDES_MESSAGES.invalid('url'));
    return this.openById(m[1]);
  }

  /** A standalone script has no active presentation. */
  getActivePresentation(): Presentation | null {
    return null;
  }
}

/** Presentation (reference/slides/presentation). */
export class Presentation extends GasObject {
  readonly _service = 'Slides' as const;
  readonly _class = 'Presentation';
  constructor(readonly _session: Session) {
    super();
  }

  getId(): string {
    return this._session.item.id;
  }

  getName(): string {
    this._session.read();
    return this._session.item.name;
  }

  setName(name: string): void {
    this._session.write();
    this._session.item.name = String(name);
  }

  getUrl(): string {
    return `https://docs.google.com/presentation/d/${this._session.item.id}/edit`;
  }

  /** Points. */
  getPageWidth(): number {
    return this._session.read().pageWidth;
  }

  getPageHeight(): number {
    return this._session.read().pageHeight;
  }

  getSlides(): Slide[] {
    return this._session.read().slides.map((s) => new Slide(this._session, s.id));
  }

  getSlideById(id: string): Slide | null {
    return this._session.read().slides.some((s) => s.id === String(id)) ? new Slide(this._session, String(id)) : null;
  }

  /** appendSlide() | appendSlide(layout: PredefinedLayout). The default layout is BLANK. */
  appendSlide(layout?: string): Slide {
    const p = this._session.write();
    const l = layout === undefined ? 'BLANK' : String(layout);
    if (!LAYOUTS.includes(l)) throw new Error(SLIDES_MESSAGES.invalid('layout'));
    const slide = newSlide(p, l);
    p.slides.push(slide);
    return new Slide(this._session, slide.id);
  }

  /**
   * "Replaces all instances of text matching find text with replace text. The search is case
   * insensitive" unless matchCase; returns the number of occurrences changed, over every shape
   * and table cell of every slide.
   */
  replaceAllText(findText: string, replaceText: string, matchCase?: boolean): number {
    if (typeof findText !== 'string') throw new Error(SLIDES_MESSAGES.invalid('findText'));
    const p = this._session.write();
    let n = 0;
    for (const s of p.slides) for (const e of s.elements) n += replaceInElement(e, findText, String(replaceText ?? ''), matchCase === true);
    return n;
  }

  /** "Saves the current Presentation … A closed Presentation can't be edited." */
  saveAndClose(): void {
    const s = this._session;
    if (s.closed) return;
    const item = s.item;
    savePresentation(item, s.env.exec.record.id);
    driveStore(s.env.state).touch(item);
    s.closed = true;
  }
}

/** Slide (reference/slides/slide). */
export class Slide extends GasObject {
  readonly _service = 'Slides' as const;
  readonly _class = 'Slide';
  constructor(
    readonly _session: Session,
    readonly _id: string,
  ) {
    super();
  }

  getObjectId(): string {
    return this._session.slide(this._id).id;
  }

  getPageElements(): PageElement[] {
    return this._session.slide(this._id).elements.map((e) => makeElement(this._session, this._id, e));
  }

  getShapes(): Shape[] {
    return this._session.slide(this._id).elements.filter((e) => e.kind === 'shape').map((e) => new Shape(this._session, this._id, e.id));
  }

  getImages(): Image[] {
    return this._session.slide(this._id).elements.filter((e) => e.kind === 'image').map((e) => new Image(this._session, this._id, e.id));
  }

  getTables(): Table[] {
    return this._session.slide(this._id).elements.filter((e) => e.kind === 'table').map((e) => new Table(this._session, this._id, e.id));
  }

  private _add(e: Omit<ElementData, 'id'>): string {
    const p = this._session.write();
    const slide = this._session.slide(this._id, true);
    const id = newObjectId(p);
    slide.elements.push({ id, ...e });
    return id;
  }

  /** insertTextBox(text) | insertTextBox(text, left, top, width, height). */
  insertTextBox(text: string, left?: number, top?: number, width?: number, height?: number): Shape {
    const g = left === undefined ? { left: 0, top: 0, width: 300, height: 50 } : { left: num(left, 'left'), top: num(top, 'top'), width: num(width, 'width'), height: num(height, 'height') };
    const id = this._add({ kind: 'shape', shapeType: 'TEXT_BOX', ...g, text: String(text ?? ''), style: {} });
    return new Shape(this._session, this._id, id);
  }

  /** insertShape(shapeType) | insertShape(shapeType, left, top, width, height). */
  insertShape(shapeType: string, left?: number, top?: number, width?: number, height?: number): Shape {
    const type = String(shapeType);
    if (!SHAPE_TYPES.includes(type)) throw new Error(SLIDES_MESSAGES.invalid('shapeType'));
    const g = left === undefined ? { left: 0, top: 0, width: 300, height: 300 } : { left: num(left, 'left'), top: num(top, 'top'), width: num(width, 'width'), height: num(height, 'height') };
    const id = this._add({ kind: 'shape', shapeType: type, ...g, text: '', style: {} });
    return new Shape(this._session, this._id, id);
  }

  /**
   * insertImage(blobSource) | insertImage(blobSource, left, top, width, height): a PNG, JPEG or
   * GIF image (guides: "must be in one of PNG, JPEG, or GIF formats", at most 25 megapixels,
   * under 50 MB). Without a box it is placed at the top-left corner at its pixel size (1 px = 0.75 pt).
   */
  insertImage(blobSource: unknown, left?: number, top?: number, width?: number, height?: number): Image {
    const blob = blobSource instanceof Blob ? blobSource : blobSource && typeof (blobSource as { getBlob?: unknown }).getBlob === 'function' ? (blobSource as { getBlob(): Blob }).getBlob() : null;
    if (!blob) throw new Error(SLIDES_MESSAGES.invalid('blobSource'));
    const bytes = blob._bytes;
    const size = imageSize(bytes);
    if (!size || bytes.length >= 50 * 1024 * 1024 || size.width * size.height > 25_000_000) throw new Error(SLIDES_MESSAGES.invalidImage);
    const g = left === undefined
      ? { left: 0, top: 0, width: size.width * 0.75, height: size.height * 0.75 }
      : { left: num(left, 'left'), top: num(top, 'top'), width: num(width, 'width'), height: num(height, 'height') };
    const id = this._add({ kind: 'image', ...g, image: { base64: Buffer.from(bytes).toString('base64'), mimeType: size.mimeType } });
    return new Image(this._session, this._id, id);
  }

  /** insertTable(numRows, numColumns) | insertTable(numRows, numColumns, left, top, width, height). */
  insertTable(numRows: number, numColumns: number, left?: number, top?: number, width?: number, height?: number): Table {
    const r = Math.trunc(num(numRows, 'numRows'));
    const c = Math.trunc(num(numColumns, 'numColumns'));
    if (r < 1 || c < 1) throw new Error(SLIDES_MESSAGES.invalid('numRows'));
    const g = left === undefined ? { left: 0, top: 0, width: 100 * c, height: 30 * r } : { left: num(left, 'left'), top: num(top, 'top'), width: num(width, 'width'), height: num(height, 'height') };
    const id = this._add({ kind: 'table', ...g, cells: Array.from({ length: r }, () => Array.from({ length: c }, () => '')) });
    return new Table(this._session, this._id, id);
  }

  replaceAllText(findText: string, replaceText: string, matchCase?: boolean): number {
    if (typeof findText !== 'string') throw new Error(SLIDES_MESSAGES.invalid('findText'));
    let n = 0;
    for (const e of this._session.slide(this._id, true).elements) n += replaceInElement(e, findText, String(replaceText ?? ''), matchCase === true);
    return n;
  }

  remove(): void {
    const p = this._session.write();
    this._session.slide(this._id, true);
    p.slides = p.slides.filter((s) => s.id !== this._id);
  }
}

/** PageElement (reference/slides/page-element): position and size in points, remove. */
export class PageElement extends GasObject {
  readonly _service = 'Slides' as const;
  readonly _class: string = 'PageElement';
  constructor(
    readonly _session: Session,
    readonly _slideId: string,
    readonly _id: string,
  ) {
    super();
  }

  protected get _e(): ElementData {
    return this._session.element(this._slideId, this._id);
  }

  protected _w(): ElementData {
    return this._session.element(this._slideId, this._id, true);
  }

  getObjectId(): string {
    return this._e.id;
  }

  getPageElementType(): string {
    return { shape: 'SHAPE', image: 'IMAGE', table: 'TABLE' }[this._e.kind];
  }

  getParentPage(): Slide {
    void this._e;
    return new Slide(this._session, this._slideId);
  }

  getLeft(): number {
    return this._e.left;
  }

  getTop(): number {
    return this._e.top;
  }

  getWidth(): number {
    return this._e.width;
  }

  getHeight(): number {
    return this._e.height;
  }

  setLeft(left: number): this {
    this._w().left = num(left, 'left');
    return this;
  }

  setTop(top: number): this {
    this._w().top = num(top, 'top');
    return this;
  }

  setWidth(width: number): this {
    this._w().width = num(width, 'width');
    return this;
  }

  setHeight(height: number): this {
    this._w().height = num(height, 'height');
    return this;
  }

  remove(): void {
    this._w();
    const slide = this._session.slide(this._slideId, true);
    slide.elements = slide.elements.filter((e) => e.id !== this._id);
  }

  asShape(): Shape {
    if (this._e.kind !== 'shape') throw new Error(SLIDES_MESSAGES.invalid('The page element is not a shape.'));
    return new Shape(this._session, this._slideId, this._id);
  }

  asImage(): Image {
    if (this._e.kind !== 'image') throw new Error(SLIDES_MESSAGES.invalid('The page element is not an image.'));
    return new Image(this._session, this._slideId, this._id);
  }

  asTable(): Table {
    if (this._e.kind !== 'table') throw new Error(SLIDES_MESSAGES.invalid('The page element is not a table.'));
    return new Table(this._session, this._slideId, this._id);
  }
}

/** Shape (reference/slides/shape): a text box or geometric shape with its text. */
export class Shape extends PageElement {
  override readonly _class = 'Shape';

  getShapeType(): string {
    return this._e.shapeType ?? 'TEXT_BOX';
  }

  getText(): TextRange {
    void this._e;
    return new TextRange(this._session, this._slideId, this._id, null);
  }

  getPlaceholderType(): string {
    return this._e.placeholder ?? 'NONE';
  }
}

/** Image (reference/slides/image). */
export class Image extends PageElement {
  override readonly _class = 'Image';

  getBlob(): Blob {
    const img = this._e.image!;
    return new Blob(new Uint8Array(Buffer.from(img.base64, 'base64')), img.mimeType, null);
  }

  getAs(contentType: string): Blob {
    return this.getBlob().getAs(contentType);
  }
}

/** Table (reference/slides/table) and its cells' text. */
export class Table extends PageElement {
  override readonly _class = 'Table';

  getNumRows(): number {
    return this._e.cells!.length;
  }

  getNumColumns(): number {
    return this._e.cells![0]?.length ?? 0;
  }

  getCell(rowIndex: number, columnIndex: number): TableCell {
    const cells = this._e.cells!;
    const r = Math.trunc(num(rowIndex, 'rowIndex'));
    const c = Math.trunc(num(columnIndex, 'columnIndex'));
    if (r < 0 || r >= cells.length || c < 0 || c >= (cells[0]?.length ?? 0)) throw new Error(SLIDES_MESSAGES.invalid('index'));
    return new TableCell(this._session, this._slideId, this._id, [r, c]);
  }
}

/** TableCell (reference/slides/table-cell): its text only. */
export class TableCell extends GasObject {
  readonly _service = 'Slides' as const;
  readonly _class = 'TableCell';
  constructor(
    readonly _session: Session,
    readonly _slideId: string,
    readonly _id: string,
    readonly _at: [number, number],
  ) {
    super();
  }

  getText(): TextRange {
    return new TextRange(this._session, this._slideId, this._id, this._at);
  }

  getRowIndex(): number {
    return this._at[0];
  }

  getColumnIndex(): number {
    return this._at[1];
  }
}

/**
 * TextRange (reference/slides/text-range) over the whole text of a shape or table cell. Slides
 * ends every non-empty text with a newline: asString() of a box holding "Hola" is "Hola\n".
 */
export class TextRange extends GasObject {
  readonly _service = 'Slides' as const;
  readonly _class = 'TextRange';
  constructor(
    readonly _session: Session,
    readonly _slideId: string,
    readonly _id: string,
    readonly _cell: [number, number] | null,
  ) {
    super();
  }

  private _get(): string {
    const e = this._session.element(this._slideId, this._id);
    return this._cell ? e.cells![this._cell[0]][this._cell[1]] : e.text ?? '';
  }

  private _set(text: string): void {
    const e = this._session.element(this._slideId, this._id, true);
    if (this._cell) e.cells![this._cell[0]][this._cell[1]] = text;
    else e.text = text;
  }

  asString(): string {
    const t = this._get();
    return t === '' ? '' : `${t}\n`;
  }

  asRenderedString(): string {
    return this.asString();
  }

  getLength(): number {
    return this.asString().length;
  }

  isEmpty(): boolean {
    return this._get() === '';
  }

  /** "Sets the text bounded by this range": the final newline is the text's own, not kept twice. */
  setText(newText: string): TextRange {
    this._set(String(newText ?? '').replace(/\n$/, ''));
    return this;
  }

  appendText(text: string): TextRange {
    this._set(this._get() + String(text ?? ''));
    return this;
  }

  clear(): void {
    this._set('');
  }

  replaceAllText(findText: string, replaceText: string, matchCase?: boolean): number {
    if (typeof findText !== 'string') throw new Error(SLIDES_MESSAGES.invalid('findText'));
    const e = this._session.element(this._slideId, this._id, true);
    if (!this._cell) return replaceInElement(e, findText, String(replaceText ?? ''), matchCase === true);
    const probe: ElementData = { id: '', kind: 'shape', left: 0, top: 0, width: 0, height: 0, text: this._get() };
    const n = replaceInElement(probe, findText, String(replaceText ?? ''), matchCase === true);
    this._set(probe.text ?? '');
    return n;
  }

  /** The style of the whole text of the shape (the emulator keeps one style per shape). */
  getTextStyle(): TextStyle {
    return new TextStyle(this._session, this._slideId, this._id);
  }

  getParagraphStyle(): ParagraphStyle {
    return new ParagraphStyle(this._session, this._slideId, this._id);
  }
}

function parseColor(args: unknown[]): string {
  if (args.length >= 3) {
    const [r, g, b] = args.map((v) => Math.max(0, Math.min(255, Math.round(Number(v)))));
    return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  }
  const s = String(args[0] ?? '');
  if (!/^#[0-9a-fA-F]{6}$/.test(s)) throw new Error(SLIDES_MESSAGES.invalid('hexColor'));
  return s.toLowerCase();
}

/** TextStyle (reference/slides/text-style): size, bold, italic, underline, colour, font family. */
export class TextStyle extends GasObject {
  readonly _service = 'Slides' as const;
  readonly _class = 'TextStyle';
  constructor(
    readonly _session: Session,
    readonly _slideId: string,
    readonly _id: string,
  ) {
    super();
  }

  private _style(write = false): TextStyleData {
    const e = this._session.element(this._slideId, this._id, write);
    if (write) e.style ??= {};
    return e.style ?? {};
  }

  getFontSize(): number {
    return this._style().fontSize ?? DEFAULT_FONT_SIZE;
  }

  setFontSize(fontSize: number): TextStyle {
    const n = num(fontSize, 'fontSize');
    if (n <= 0) throw new Error(SLIDES_MESSAGES.invalid('fontSize'));
    this._style(true).fontSize = n;
    return this;
  }

  isBold(): boolean {
    return this._style().bold === true;
  }

  setBold(bold: boolean): TextStyle {
    this._style(true).bold = Boolean(bold);
    return this;
  }

  isItalic(): boolean {
    return this._style().italic === true;
  }

  setItalic(italic: boolean): TextStyle {
    this._style(true).italic = Boolean(italic);
    return this;
  }

  isUnderline(): boolean {
    return this._style().underline === true;
  }

  setUnderline(underline: boolean): TextStyle {
    this._style(true).underline = Boolean(underline);
    return this;
  }

  getFontFamily(): string {
    return this._style().fontFamily ?? 'Arial';
  }

  setFontFamily(fontFamily: string): TextStyle {
    this._style(true).fontFamily = String(fontFamily);
    return this;
  }

  /** setForegroundColor(hexColor) | setForegroundColor(red, green, blue). */
  setForegroundColor(...args: unknown[]): TextStyle {
    this._style(true).color = parseColor(args);
    return this;
  }
}

/** ParagraphStyle (reference/slides/paragraph-style): alignment only. */
export class ParagraphStyle extends GasObject {
  readonly _service = 'Slides' as const;
  readonly _class = 'ParagraphStyle';
  constructor(
    readonly _session: Session,
    readonly _slideId: string,
    readonly _id: string,
  ) {
    super();
  }

  getParagraphAlignment(): string {
    return this._session.element(this._slideId, this._id).align ?? 'START';
  }

  setParagraphAlignment(alignment: string): ParagraphStyle {
    const a = String(alignment) as Alignment;
    if (!ALIGNMENTS.includes(a)) throw new Error(SLIDES_MESSAGES.invalid('alignment'));
    this._session.element(this._slideId, this._id, true).align = a;
    return this;
  }
}

export const install: ServiceInstaller = (env) => ({ SlidesApp: new SlidesApp(env) });
