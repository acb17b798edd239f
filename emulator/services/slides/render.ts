import {
  PngEmbedder,
  StandardFonts,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import { PNG } from 'pdf-lib/cjs/utils/png';
import { embedFonts, encodable, newDocument, serialize, wrap } from '../pdf/html-to-pdf';
import { decodeGif, imageSize } from './images';
import { DEFAULT_FONT_SIZE, type ElementData, type PresentationData } from './model';

/**
 * A presentation exported to PDF (File.getAs('application/pdf') / getBlob() of a Slides file),
 * with pdf-lib in the emulator only: one page per slide of the presentation's page size
 * (landscape 720 × 405 pt for a new one), each element drawn at its position and size:
 * - text of shapes and table cells wrapped to the box (inset 7.2 pt, Slides' default), with the
 *   shape's size, bold/italic, colour and alignment; text boxes from the top, other shapes
 *   centred vertically, as Slides lays them out; text that overflows the box is drawn past it,
 *   as Slides draws it (no autofit);
 * - PNG and JPEG images embedded as they are; GIF images decoded (first frame) and embedded as
 *   RGB pixels with their transparency;
 * - outlines of geometric shapes and table grids (fills, borders' styles and themes are not
 *   modeled).
 * Fonts: the standard Helvetica and Times families (WinAnsi: á é í ó ú ü ñ ¿ ¡ « » are kept;
 * anything outside it becomes "?"). Serif families (Times, Georgia, Garamond …) map to Times.
 */
const INSET = 7.2;
const SERIF = /times|georgia|garamond|serif|playfair|merriweather|lora|cambria|book/i;

interface Fonts {
  get(family: string | undefined, bold: boolean, italic: boolean): PDFFont;
  all(): PDFFont[];
}

function fontsOf(doc: PDFDocument): Fonts {
  const cache = new Map<string, PDFFont>();
  const name = (serif: boolean, bold: boolean, italic: boolean): StandardFonts => {
    if (serif) return bold && italic ? StandardFonts.TimesRomanBoldItalic : bold ? StandardFonts.TimesRomanBold : italic ? StandardFonts.TimesRomanItalic : StandardFonts.TimesRoman;
    return bold && italic ? StandardFonts.HelveticaBoldOblique : bold ? StandardFonts.HelveticaBold : italic ? StandardFonts.HelveticaOblique : StandardFonts.Helvetica;
  };
  return {
    get(family, bold, italic) {
      const n = name(SERIF.test(family ?? ''), bold, italic);
      let f = cache.get(n);
      if (!f) {
        f = doc.embedStandardFont(n);
        cache.set(n, f);
      }
      return f;
    },
    all: () => [...cache.values()],
  };
}

function color(hex: string | undefined) {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? '');
  return m ? rgb(parseInt(m[1], 16) / 255, parseInt(m[2], 16) / 255, parseInt(m[3], 16) / 255) : rgb(0, 0, 0);
}

/** Text in a box (points from the slide's top-left corner). */
function drawText(page: PDFPage, fonts: Fonts, pageHeight: number, e: ElementData, text: string, box: { left: number; top: number; width: number; height: number }, middle: boolean): void {
  if (!text) return;
  const style = e.style ?? {};
  const size = style.fontSize ?? DEFAULT_FONT_SIZE;
  const font = fonts.get(style.fontFamily, style.bold === true, style.italic === true);
  const width = Math.max(1, box.width - 2 * INSET);
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    const wrapped = wrap(font, size, encodable(font, para), width);
    lines.push(...(wrapped.length ? wrapped : ['']));
  }
  const lineHeight = size * 1.2;
  const textHeight = lines.length * lineHeight;
  let y = box.top + INSET + (middle ? Math.max(0, (box.height - 2 * INSET - textHeight) / 2) : 0);
  for (const line of lines) {
    y += lineHeight;
    if (!line) continue;
    const w = font.widthOfTextAtSize(line, size);
    const align = e.align ?? 'START';
    const x = align === 'CENTER' ? box.left + (box.width - w) / 2 : align === 'END' ? box.left + box.width - INSET - w : box.left + INSET;
    page.drawText(line, { x, y: pageHeight - y + size * 0.2, size, font, color: color(style.color) });
  }
}

let imageSeq = 0;

/** Embeds the image bytes as an image XObject; null when they are not PNG, JPEG or GIF. */
function embedImage(doc: PDFDocument, bytes: Uint8Array): PDFRef | null {
  const info = imageSize(bytes);
  if (!info) return null;
  const ctx = doc.context;
  if (info.mimeType === 'image/png') {
    const embedder = new (PngEmbedder as unknown as new (png: PNG) => PngEmbedder)(PNG.load(bytes));
    const ref = ctx.nextRef();
    // Synchronous in fact: its body has no await (pdf-lib keeps async signatures for its API).
    void embedder.embedIntoContext(ctx, ref);
    return ref;
  }
  if (info.mimeType === 'image/jpeg') {
    const space = info.components === 1 ? 'DeviceGray' : info.components === 4 ? 'DeviceCMYK' : 'DeviceRGB';
    return ctx.register(ctx.stream(bytes, { Type: 'XObject', Subtype: 'Image', BitsPerComponent: 8, Width: info.width, Height: info.height, ColorSpace: space, Filter: 'DCTDecode' }));
  }
  const gif = decodeGif(bytes);
  const smask = gif.alpha
    ? ctx.register(ctx.flateStream(gif.alpha, { Type: 'XObject', Subtype: 'Image', Width: gif.width, Height: gif.height, BitsPerComponent: 8, ColorSpace: 'DeviceGray' }))
    : undefined;
  return ctx.register(
    ctx.flateStream(gif.rgb, { Type: 'XObject', Subtype: 'Image', Width: gif.width, Height: gif.height, BitsPerComponent: 8, ColorSpace: 'DeviceRGB', ...(smask ? { SMask: smask } : {}) }),
  );
}

function drawImage(page: PDFPage, doc: PDFDocument, pageHeight: number, e: ElementData): void {
  const ref = embedImage(doc, new Uint8Array(Buffer.from(e.image!.base64, 'base64')));
  if (!ref) return;
  const name = page.node.newXObject(`Im${++imageSeq}`, ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(e.width, 0, 0, e.height, e.left, pageHeight - e.top - e.height), drawObject(name), popGraphicsState());
}

function drawOutline(page: PDFPage, pageHeight: number, e: ElementData): void {
  const opts = { borderColor: rgb(0.4, 0.4, 0.4), borderWidth: 0.75 };
  if (e.shapeType === 'ELLIPSE') {
    page.drawEllipse({ x: e.left + e.width / 2, y: pageHeight - e.top - e.height / 2, xScale: e.width / 2, yScale: e.height / 2, ...opts });
  } else {
    page.drawRectangle({ x: e.left, y: pageHeight - e.top - e.height, width: e.width, height: e.height, ...opts });
  }
}

export function presentationToPdf(p: PresentationData, opts: { title?: string | null; at?: Date | null }): Uint8Array {
  const doc = newDocument(Boolean(opts.at));
  const fonts = fontsOf(doc);
  const H = p.pageHeight;
  for (const slide of p.slides) {
    const page = doc.addPage([p.pageWidth, p.pageHeight]);
    for (const e of slide.elements) {
      if (e.kind === 'image') drawImage(page, doc, H, e);
      else if (e.kind === 'shape') {
        if (e.shapeType && e.shapeType !== 'TEXT_BOX') drawOutline(page, H, e);
        drawText(page, fonts, H, e, e.text ?? '', e, e.shapeType !== undefined && e.shapeType !== 'TEXT_BOX');
      } else if (e.kind === 'table' && e.cells) {
        const rows = e.cells.length;
        const cols = e.cells[0]?.length ?? 0;
        const cw = e.width / Math.max(1, cols);
        const ch = e.height / Math.max(1, rows);
        e.cells.forEach((row, r) =>
          row.forEach((cell, c) => {
            const box = { left: e.left + c * cw, top: e.top + r * ch, width: cw, height: ch };
            page.drawRectangle({ x: box.left, y: H - box.top - ch, width: cw, height: ch, borderColor: rgb(0.6, 0.6, 0.6), borderWidth: 0.5 });
            drawText(page, fonts, H, e, cell, box, false);
          }),
        );
      }
    }
  }
  if (p.slides.length === 0) doc.addPage([p.pageWidth, p.pageHeight]);
  const title = fonts.get(undefined, false, false);
  if (opts.title) doc.setTitle(encodable(title, opts.title));
  doc.setProducer('soe-workspace emulator (pdf-lib)');
  doc.setCreator('Google Slides (emulated)');
  if (opts.at) {
    doc.setCreationDate(opts.at);
    doc.setModificationDate(opts.at);
  }
  embedFonts(doc, fonts.all());
  return serialize(doc);
}
