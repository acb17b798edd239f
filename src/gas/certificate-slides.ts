/**
 * The CertificateSlides port over SlidesApp and DriveApp (reference/slides/*, reference/drive/file):
 * the certificate template in Google Slides, and one certificate's PDF made from a copy of it.
 *
 * One certificate is the shortest chain the platform allows: copy the template into the module's
 * folder (File.makeCopy), open the copy, read its shapes once (local reads of the loaded
 * presentation) to find the '{{qr}}' box and which placeholders the template really has, the QR
 * image into the box, the placeholders filled, saveAndClose (an export sees only saved changes:
 * guides/slides/lifecycle), export to PDF (File.getAs), save it in the folder, trash the copy —
 * also when a step after the copy fails (try/finally), so no filled copy is left behind.
 *
 * Filling: with the advanced Slides service enabled in the manifest (`Slides`, v1), every
 * replacement and the marker's removal go in ONE `Slides.Presentations.batchUpdate` request
 * after saveAndClose (the API writes the saved file, which the export reads); without it, one
 * `Presentation.replaceAllText` per placeholder present (SlidesApp has no batch replace).
 *
 * Replacement values are data (a person's name): a value that itself contains '{{' would be
 * replaced again by a later placeholder (a name typed as '{{codigo}}'), so '{{' in a value gets
 * an invisible zero-width space between its braces before it goes in.
 */
import type { CertificateRender, CertificateSlides, DriveItemRef } from '../ports';

type Presentation = GoogleAppsScript.Slides.Presentation;
type Shape = GoogleAppsScript.Slides.Shape;
type Slide = GoogleAppsScript.Slides.Slide;

const QR = '{{qr}}';
/** Google Slides' page of a new presentation: 16:9, 720 × 405 pt. */
const PAGE = { width: 720, height: 405 };

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** A replaceAllText request of the Slides API: case-insensitive, as Presentation.replaceAllText. */
function replaceRequest(find: string, replace: string): object {
  return { replaceAllText: { containsText: { text: find, matchCase: false }, replaceText: replace } };
}

/** The advanced Slides service when the manifest enables it (one API request for all the replacements), else null. */
function advancedSlides(): GoogleAppsScript.Slides | null {
  return typeof Slides !== 'undefined' && Slides ? Slides : null;
}

function ref(file: { getId(): string; getUrl(): string; getName(): string }): DriveItemRef {
  return { id: file.getId(), url: file.getUrl(), name: file.getName() };
}

/** A value as it goes into the template: never a placeholder itself. */
export function inertValue(value: string): string {
  return value.replace(/\{\{/g, '{\u200b{');
}

/** Every text of the presentation: shapes and table cells of every slide. */
function shapesAndText(pres: Presentation): { shapes: { slide: Slide; shape: Shape; text: string }[]; text: string } {
  const shapes: { slide: Slide; shape: Shape; text: string }[] = [];
  const parts: string[] = [];
  for (const slide of pres.getSlides()) {
    for (const shape of slide.getShapes()) {
      const text = shape.getText().asString();
      shapes.push({ slide, shape, text });
      parts.push(text);
    }
    for (const table of slide.getTables()) {
      for (let r = 0; r < table.getNumRows(); r++) {
        for (let c = 0; c < table.getNumColumns(); c++) parts.push(table.getCell(r, c).getText().asString());
      }
    }
  }
  return { shapes, text: parts.join('\n') };
}

interface Box {
  readonly text: string;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly size: number;
  readonly bold?: boolean;
  readonly align?: 'START' | 'CENTER';
  readonly color?: string;
}

/**
 * The service's default certificate (landscape; the Dirección redesigns it in Slides): the
 * ministry and the service at the top, «Certificado», the person, the module, and at the bottom
 * the code, the verification link and the QR box.
 */
function defaultDesign(): Box[] {
  const W = PAGE.width;
  const wide = { left: 60, width: W - 120 };
  return [
    { text: 'Ministerio de Trabajo y Promoción del Empleo', top: 24, height: 18, size: 11, align: 'CENTER', color: '#555555', ...wide },
    { text: 'Servicio de Orientación para el Emprendimiento', top: 42, height: 22, size: 13, bold: true, align: 'CENTER', color: '#b91c1c', ...wide },
    { text: 'Certificado', top: 66, height: 46, size: 32, bold: true, align: 'CENTER', ...wide },
    { text: 'Se otorga a', top: 112, height: 18, size: 12, align: 'CENTER', ...wide },
    // Two lines of 24 pt (an 80-character name wraps once): 2 × 28.8 + 2 × 7.2 inset = 72.
    { text: '{{nombre}}', top: 130, height: 72, size: 24, bold: true, align: 'CENTER', ...wide },
    { text: '{{documento}}', top: 202, height: 20, size: 11, align: 'CENTER', ...wide },
    {
      text: 'por haber participado y cumplido los requisitos del módulo «{{modulo}}» ({{horas}} horas), realizado {{fechas}}.',
      top: 224, height: 62, size: 13, align: 'CENTER', ...wide,
    },
    { text: 'Código: {{codigo}}', left: 40, top: 296, width: 480, height: 20, size: 10, bold: true },
    { text: 'Verifique este certificado en:\n{{verificacion}}', left: 40, top: 316, width: 480, height: 56, size: 8, color: '#333333' },
  ];
}

/** Where the QR code goes: bottom right, clear of the text above and of the links on the left. */
const QR_BOX = { right: 128, top: 290, side: 84 };

export class SlidesCertificates implements CertificateSlides {
  createTemplate(folderId: string, name: string): DriveItemRef {
    const folder = DriveApp.getFolderById(folderId);
    const pres = SlidesApp.create(name);
    const slide = pres.getSlides()[0];
    // A new presentation's first slide has the title layout's (empty) placeholders: out.
    for (const el of slide.getPageElements()) el.remove();
    const W = pres.getPageWidth();
    const H = pres.getPageHeight();
    slide.insertShape(SlidesApp.ShapeType.RECTANGLE, 14, 14, W - 28, H - 28);
    for (const b of defaultDesign()) {
      const box = slide.insertTextBox(b.text, b.left, b.top, b.width, b.height);
      const range = box.getText();
      const style = range.getTextStyle().setFontSize(b.size);
      if (b.bold) style.setBold(true);
      if (b.color) style.setForegroundColor(b.color);
      if (b.align === 'CENTER') range.getParagraphStyle().setParagraphAlignment(SlidesApp.ParagraphAlignment.CENTER);
    }
    const qr = slide.insertShape(SlidesApp.ShapeType.RECTANGLE, W - QR_BOX.right, QR_BOX.top, QR_BOX.side, QR_BOX.side);
    qr.getText().setText(QR);
    qr.getText().getTextStyle().setFontSize(9);
    qr.getText().getParagraphStyle().setParagraphAlignment(SlidesApp.ParagraphAlignment.CENTER);
    pres.saveAndClose();
    const file = DriveApp.getFileById(pres.getId());
    file.moveTo(folder);
    return ref(file);
  }

  templateText(templateId: string): string | null {
    if (!templateId) return null;
    try {
      if (DriveApp.getFileById(templateId).isTrashed()) return null;
      return shapesAndText(SlidesApp.openById(templateId)).text;
    } catch {
      // No such file, not a presentation, or not this person's to open.
      return null;
    }
  }

  /**
   * The module's folder and the template, fetched once per execution (an adapter lives for one):
   * every certificate of a run goes into the same folder from the same template, and fetching
   * them again cost two Drive requests per certificate (the bench, docs/performance.md).
   */
  private readonly folders = new Map<string, GoogleAppsScript.Drive.Folder>();
  private readonly templates = new Map<string, GoogleAppsScript.Drive.File>();

  private cached<T>(cache: Map<string, T>, id: string, fetch: (id: string) => T): T {
    let item = cache.get(id);
    if (item === undefined) {
      item = fetch(id);
      cache.set(id, item);
    }
    return item;
  }

  renderPdf(req: CertificateRender): DriveItemRef {
    const folder = this.cached(this.folders, req.folderId, (id) => DriveApp.getFolderById(id));
    const base = req.name.replace(/\.pdf$/i, '');
    const copy = this.cached(this.templates, req.templateId, (id) => DriveApp.getFileById(id)).makeCopy(`Temporal - ${base}`, folder);
    try {
      const pres = SlidesApp.openById(copy.getId());
      const { shapes, text } = shapesAndText(pres);
      const lower = text.toLowerCase();
      const box = shapes.find((s) => s.text.toLowerCase().includes(QR));
      const markerOnly = !!box && box.text.trim().toLowerCase() === QR;
      const qrElsewhere = count(lower, QR) - (box ? count(box.text.toLowerCase(), QR) : 0);
      // Only the placeholders the template has: a redesigned one may leave optional ones out.
      const fills = Object.entries(req.replacements)
        .filter(([placeholder]) => placeholder.toLowerCase() !== QR && lower.includes(placeholder.toLowerCase()))
        .map(([placeholder, value]) => [placeholder, inertValue(value)] as const);
      if (box && req.qrImage) this.insertQr(box, req.qrImage);
      const api = advancedSlides();
      if (api) {
        // One Slides API request for every replacement and the marker (advanced service).
        const requests: object[] = [];
        if (markerOnly) requests.push({ deleteObject: { objectId: box.shape.getObjectId() } });
        if (qrElsewhere > 0 || (box && !markerOnly)) requests.push(replaceRequest(QR, ''));
        for (const [placeholder, value] of fills) requests.push(replaceRequest(placeholder, value));
        pres.saveAndClose();
        if (requests.length) api.Presentations!.batchUpdate({ requests }, copy.getId());
      } else {
        if (markerOnly) box.shape.remove();
        if (qrElsewhere > 0 || (box && !markerOnly)) pres.replaceAllText(QR, '');
        for (const [placeholder, value] of fills) pres.replaceAllText(placeholder, value);
        pres.saveAndClose();
      }
      const pdf = copy.getAs('application/pdf').setName(req.name);
      return ref(folder.createFile(pdf));
    } finally {
      try {
        copy.setTrashed(true);
      } catch {
        // Left in the folder as «Temporal - …»: harmless, and the certificate's outcome stands.
      }
    }
  }

  /** The QR image in the marker's box: square, centred. */
  private insertQr(box: { slide: Slide; shape: Shape }, image: NonNullable<CertificateRender['qrImage']>): void {
    const { shape, slide } = box;
    const left = shape.getLeft();
    const top = shape.getTop();
    const width = shape.getWidth();
    const height = shape.getHeight();
    const side = Math.min(width, height);
    const signed = Array.from(image.bytes, (b) => (b > 127 ? b - 256 : b));
    slide.insertImage(Utilities.newBlob(signed, image.mimeType, 'qr'), left + (width - side) / 2, top + (height - side) / 2, side, side);
  }
}
