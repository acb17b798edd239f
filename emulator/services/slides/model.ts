/**
 * A Google Slides presentation as the emulator keeps it: the content of a Drive item of type
 * 'application/vnd.google-apps.presentation' (DriveItem.doc, JSON so the workspace snapshot
 * keeps it). Geometry is in points (Apps Script's unit for PageElement.getLeft/getWidth …);
 * a new presentation is 16:9, 720 × 405 pt (10 × 5.625 in), as Slides makes one.
 */
export const PRESENTATION_MIME = 'application/vnd.google-apps.presentation';
export const DEFAULT_PAGE = { width: 720, height: 405 };
/** Slides' default size for text typed into a new text box or shape (points). */
export const DEFAULT_FONT_SIZE = 14;

export interface TextStyleData {
  fontSize?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** '#rrggbb'. */
  color?: string;
  fontFamily?: string;
}

export type Alignment = 'START' | 'CENTER' | 'END' | 'JUSTIFIED';

export interface ElementData {
  id: string;
  kind: 'shape' | 'image' | 'table';
  left: number;
  top: number;
  width: number;
  height: number;
  /** Shapes: SlidesApp.ShapeType ('TEXT_BOX', 'RECTANGLE' …). */
  shapeType?: string;
  /** Layout placeholder a shape stands for ('TITLE', 'SUBTITLE' …), if any. */
  placeholder?: string;
  /** Shapes: the text without the final newline Slides ends every non-empty text with. */
  text?: string;
  style?: TextStyleData;
  align?: Alignment;
  /** Images: the bytes (base64) and their type. */
  image?: { base64: string; mimeType: string };
  /** Tables: cell texts, row by row. */
  cells?: string[][];
}

export interface SlideData {
  id: string;
  elements: ElementData[];
}

export interface PresentationData {
  pageWidth: number;
  pageHeight: number;
  slides: SlideData[];
  /** Counter for object IDs ('g<n>'), so copies keep IDs stable and new ones are unique. */
  nextId: number;
}

export function newObjectId(p: PresentationData): string {
  p.nextId += 1;
  return `g${p.nextId.toString(36)}`;
}

/**
 * What SlidesApp.create makes: one slide of the TITLE layout, whose two placeholders (title and
 * subtitle) are empty shapes ("Click to add title" is only the editor's prompt, not text): the
 * slide looks blank and exports blank.
 */
export function newPresentation(): PresentationData {
  const p: PresentationData = { pageWidth: DEFAULT_PAGE.width, pageHeight: DEFAULT_PAGE.height, slides: [], nextId: 0 };
  p.slides.push({
    id: 'p',
    elements: [
      { id: 'i0', kind: 'shape', shapeType: 'TEXT_BOX', placeholder: 'CENTERED_TITLE', left: 24.5, top: 58.6, width: 671, height: 161.7, text: '', style: { fontSize: 52 } },
      { id: 'i1', kind: 'shape', shapeType: 'TEXT_BOX', placeholder: 'SUBTITLE', left: 24.5, top: 223.2, width: 671, height: 62.4, text: '', style: { fontSize: 28 } },
    ],
  });
  return p;
}

/** A new slide of the given predefined layout: BLANK has no placeholders; others get a title box. */
export function newSlide(p: PresentationData, layout: string): SlideData {
  const slide: SlideData = { id: newObjectId(p), elements: [] };
  if (layout !== 'BLANK') {
    slide.elements.push({ id: newObjectId(p), kind: 'shape', shapeType: 'TEXT_BOX', placeholder: 'TITLE', left: 24.5, top: 35, width: 671, height: 45, text: '', style: { fontSize: 28 } });
    if (layout !== 'TITLE_ONLY' && layout !== 'SECTION_HEADER') {
      slide.elements.push({ id: newObjectId(p), kind: 'shape', shapeType: 'TEXT_BOX', placeholder: 'BODY', left: 24.5, top: 90.7, width: 671, height: 269, text: '', style: { fontSize: 18 } });
    }
  }
  return slide;
}

export function clonePresentation(p: PresentationData): PresentationData {
  return JSON.parse(JSON.stringify(p)) as PresentationData;
}

/** Every text of the element: a shape's text, or each table cell's. */
export function elementTexts(e: ElementData): string[] {
  if (e.kind === 'shape') return [e.text ?? ''];
  if (e.kind === 'table') return (e.cells ?? []).flat();
  return [];
}

/**
 * Replaces every occurrence of `find` in `text` (case-insensitive unless `matchCase`), as
 * Presentation.replaceAllText does; returns the new text and the number of occurrences.
 */
export function replaceIn(text: string, find: string, replace: string, matchCase: boolean): { text: string; count: number } {
  if (find === '') return { text, count: 0 };
  const hay = matchCase ? text : text.toLowerCase();
  const needle = matchCase ? find : find.toLowerCase();
  let out = '';
  let count = 0;
  let from = 0;
  for (;;) {
    const at = hay.indexOf(needle, from);
    if (at < 0) break;
    out += text.slice(from, at) + replace;
    from = at + find.length;
    count++;
  }
  return { text: out + text.slice(from), count };
}

/** Replaces in one element (shape text or table cells); returns the number of occurrences. */
export function replaceInElement(e: ElementData, find: string, replace: string, matchCase: boolean): number {
  let n = 0;
  if (e.kind === 'shape' && e.text) {
    const r = replaceIn(e.text, find, replace, matchCase);
    e.text = r.text;
    n += r.count;
  }
  if (e.kind === 'table' && e.cells) {
    for (const row of e.cells) {
      for (let i = 0; i < row.length; i++) {
        const r = replaceIn(row[i], find, replace, matchCase);
        row[i] = r.text;
        n += r.count;
      }
    }
  }
  return n;
}
