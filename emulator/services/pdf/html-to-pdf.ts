import {
  PDFCatalog,
  PDFContext,
  PDFCrossRefSection,
  PDFDocument,
  PDFHeader,
  PDFPageTree,
  PDFTrailer,
  PDFTrailerDict,
  StandardFonts,
  rgb,
  type PDFFont,
} from 'pdf-lib';
import { htmlToBlocks, type BlockKind } from './html-text';

/**
 * Renders text or HTML as a real PDF with pdf-lib (emulator only; never imported by src/).
 * Apps Script's `Blob.getAs('application/pdf')` is synchronous; pdf-lib's `create()` and
 * `save()` are async only because they yield to the event loop every few objects, so the
 * same steps are run here synchronously: the document is built from a fresh PDFContext, the
 * standard fonts are embedded, and the objects are written out as PDFWriter writes them
 * (no object streams). Page content streams are Flate-compressed by pdf-lib; `pdfText()`
 * (./pdf-text.ts) reads the text back.
 *
 * Fonts: Helvetica and Helvetica-Bold, the standard Type 1 fonts with WinAnsi encoding, which
 * covers Spanish (á é í ó ú ü ñ ¿ ¡ « » º ª €). Any character outside it becomes "?".
 */
const PAGE = { width: 595.28, height: 841.89, margin: 56 }; // A4 in points
const STYLE: Record<BlockKind, { size: number; bold: boolean; before: number }> = {
  h1: { size: 20, bold: true, before: 10 },
  h2: { size: 16, bold: true, before: 8 },
  h3: { size: 13, bold: true, before: 6 },
  p: { size: 11, bold: false, before: 5 },
};

export function newDocument(updateMetadata: boolean): PDFDocument {
  const context = PDFContext.create();
  const pageTreeRef = context.register(PDFPageTree.withContext(context));
  context.trailerInfo.Root = context.register(PDFCatalog.withContextAndPages(context, pageTreeRef));
  // The constructor PDFDocument.create() calls; it is private in pdf-lib's typings only.
  const Ctor = PDFDocument as unknown as new (c: PDFContext, ignoreEncryption: boolean, updateMetadata: boolean) => PDFDocument;
  return new Ctor(context, false, updateMetadata);
}

/** PDFWriter.serializeToBuffer, without its yields. */
export function serialize(doc: PDFDocument): Uint8Array {
  const context = doc.context;
  const header = PDFHeader.forVersion(1, 7);
  const xref = PDFCrossRefSection.create();
  const objects = context.enumerateIndirectObjects();
  const enc = (s: string) => Buffer.from(s, 'latin1');
  const parts: Uint8Array[] = [];
  let offset = 0;
  const push = (b: Uint8Array) => {
    parts.push(b);
    offset += b.length;
  };
  const bytesOf = (o: { sizeInBytes(): number; copyBytesInto(buf: Uint8Array, off: number): number }) => {
    const b = new Uint8Array(o.sizeInBytes());
    o.copyBytesInto(b, 0);
    return b;
  };
  push(bytesOf(header));
  push(enc('\n\n'));
  for (const [ref, obj] of objects) {
    xref.addEntry(ref, offset);
    push(enc(`${ref.objectNumber} ${ref.generationNumber} obj\n`));
    push(bytesOf(obj));
    push(enc('\nendobj\n\n'));
  }
  const xrefOffset = offset;
  push(bytesOf(xref));
  push(enc('\n'));
  const info = context.trailerInfo;
  push(bytesOf(PDFTrailerDict.of(context.obj({ Size: context.largestObjectNumber + 1, Root: info.Root, Encrypt: info.Encrypt, Info: info.Info, ID: info.ID }))));
  push(enc('\n\n'));
  push(bytesOf(PDFTrailer.forLastCrossRefSectionOffset(xrefOffset)));
  return new Uint8Array(Buffer.concat(parts));
}

/** Replaces what the font cannot encode (outside WinAnsi) with "?"; tabs and odd spaces with a space. */
export function encodable(font: PDFFont, text: string): string {
  const set = new Set(font.getCharacterSet());
  let out = '';
  for (const ch of text.replace(/[\t\u00a0\u2000-\u200a\u202f]/g, ' ').replace(/[\u200b-\u200d\ufeff]/g, '')) {
    out += set.has(ch.codePointAt(0)!) ? ch : '?';
  }
  return out;
}

export function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (rest && !fits(rest)) {
      let n = rest.length - 1;
      while (n > 1 && !fits(rest.slice(0, n))) n--;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

export interface PdfOptions {
  /** Document title (the PDF's Info dictionary). */
  title?: string | null;
  /** Creation and modification time: the workspace's virtual clock, so the bytes are reproducible; none when absent. */
  at?: Date | null;
}

/** One PDF from blocks of text: one line per wrapped line, new pages as needed. */
function render(blocks: { kind: BlockKind; text: string }[], opts: PdfOptions): Uint8Array {
  const doc = newDocument(Boolean(opts.at));
  const regular = doc.embedStandardFont(StandardFonts.Helvetica);
  const bold = doc.embedStandardFont(StandardFonts.HelveticaBold);
  const width = PAGE.width - 2 * PAGE.margin;
  let page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  for (const block of blocks) {
    const style = STYLE[block.kind];
    const font = style.bold ? bold : regular;
    const lineHeight = style.size * 1.3;
    y -= style.before;
    for (const line of wrap(font, style.size, encodable(font, block.text), width)) {
      if (y - lineHeight < PAGE.margin) {
        page = doc.addPage([PAGE.width, PAGE.height]);
        y = PAGE.height - PAGE.margin;
      }
      y -= lineHeight;
      page.drawText(line, { x: PAGE.margin, y, size: style.size, font, color: rgb(0, 0, 0) });
    }
  }
  if (opts.title) doc.setTitle(encodable(regular, opts.title));
  doc.setProducer('soe-workspace emulator (pdf-lib)');
  doc.setCreator('Apps Script emulator');
  if (opts.at) {
    doc.setCreationDate(opts.at);
    doc.setModificationDate(opts.at);
  }
  embedFonts(doc, [regular, bold]);
  return serialize(doc);
}

/** Writes the standard fonts' dictionaries (what PDFDocument.save() does through embedAll). */
export function embedFonts(doc: PDFDocument, fonts: PDFFont[]): void {
  for (const font of fonts) {
    const f = font as unknown as { embedder: { embedIntoContext(c: PDFContext, r: unknown): unknown }; ref: unknown };
    f.embedder.embedIntoContext(doc.context, f.ref);
  }
}

export function htmlToPdf(html: string, opts: PdfOptions): Uint8Array {
  return render(htmlToBlocks(html), opts);
}

/** Plain text: one paragraph per line. */
export function textToPdf(text: string, opts: PdfOptions): Uint8Array {
  const blocks = String(text)
    .split(/\r?\n/)
    .map((t) => ({ kind: 'p' as const, text: t.trim() || ' ' }));
  return render(blocks, opts);
}
