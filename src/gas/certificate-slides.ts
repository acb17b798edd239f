/**
 * The CertificateSlides port over SlidesApp and DriveApp (reference/slides/*, reference/drive/file):
 * the certificate template in Google Slides, and one certificate's PDF made from a copy of it.
 *
 * One certificate is the shortest chain the platform allows: copy the template into the module's
 * folder (File.makeCopy), open the copy, read its shapes once (local reads of the loaded
 * presentation) to find the '{{qr}}' box and which placeholders the template really has, one
 * Presentation.replaceAllText per placeholder present (SlidesApp has no batch replace), the QR
 * image into the box, saveAndClose (an export sees only saved changes: guides/slides/lifecycle),
 * export to PDF (File.getAs), save it in the folder, trash the copy — also when a step after the
 * copy fails (try/finally), so no filled copy is left behind.
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
    { text: 'Ministerio de Trabajo y Promoción del Empleo', top: 28, height: 22, size: 11, align: 'CENTER', color: '#555555', ...wide },
    { text: 'Servicio de Orientación para el Emprendimiento', top: 48, height: 24, size: 13, bold: true, align: 'CENTER', color: '#b91c1c', ...wide },
    { text: 'Certificado', top: 76, height: 52, size: 36, bold: true, align: 'CENTER', ...wide },
    { text: 'Se otorga a', top: 130, height: 22, size: 12, align: 'CENTER', ...wide },
    { text: '{{nombre}}', top: 150, height: 62, size: 24, bold: true, align: 'CENTER', ...wide },
    { text: '{{documento}}', top: 212, height: 22, size: 11, align: 'CENTER', ...wide },
    {
      text: 'por haber participado y cumplido los requisitos del módulo «{{modulo}}» ({{horas}} horas), realizado {{fechas}}.',
      top: 236, height: 52, size: 13, align: 'CENTER', ...wide,
    },
    { text: 'Código: {{codigo}}', left: 40, top: 300, width: 500, height: 22, size: 10, bold: true },
    { text: 'Verifique este certificado en:\n{{verificacion}}', left: 40, top: 322, width: 520, height: 60, size: 8, color: '#333333' },
  ];
}

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
    const qr = slide.insertShape(SlidesApp.ShapeType.RECTANGLE, W - 136, H - 136, 96, 96);
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

  renderPdf(req: CertificateRender): DriveItemRef {
    const folder = DriveApp.getFolderById(req.folderId);
    const base = req.name.replace(/\.pdf$/i, '');
    const copy = DriveApp.getFileById(req.templateId).makeCopy(`Temporal - ${base}`, folder);
    try {
      const pres = SlidesApp.openById(copy.getId());
      const { shapes, text } = shapesAndText(pres);
      const lower = text.toLowerCase();
      const box = shapes.find((s) => s.text.toLowerCase().includes(QR));
      if (box) this.placeQr(box, req.qrImage);
      const qrLeft = lower.split(QR).length - 1 - (box ? box.text.toLowerCase().split(QR).length - 1 : 0);
      if (qrLeft > 0) pres.replaceAllText(QR, '');
      for (const [placeholder, value] of Object.entries(req.replacements)) {
        if (placeholder.toLowerCase() === QR || !lower.includes(placeholder.toLowerCase())) continue;
        pres.replaceAllText(placeholder, inertValue(value));
      }
      pres.saveAndClose();
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

  /** The QR image in the marker's box (square, centred), the marker removed. */
  private placeQr(box: { slide: Slide; shape: Shape; text: string }, image: CertificateRender['qrImage']): void {
    const { shape, slide } = box;
    if (image) {
      const left = shape.getLeft();
      const top = shape.getTop();
      const width = shape.getWidth();
      const height = shape.getHeight();
      const side = Math.min(width, height);
      const signed = Array.from(image.bytes, (b) => (b > 127 ? b - 256 : b));
      slide.insertImage(Utilities.newBlob(signed, image.mimeType, 'qr'), left + (width - side) / 2, top + (height - side) / 2, side, side);
    }
    if (box.text.trim().toLowerCase() === QR) shape.remove();
    else shape.getText().replaceAllText(QR, '');
  }
}
