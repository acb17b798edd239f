import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import qrcode from 'qrcode-generator';
import { Workspace } from '../../emulator';
import { makeTestEnv, nextExecution } from '../../emulator/testing';
import type { ServiceEnv } from '../../emulator/core/env';
import { Blob } from '../../emulator/services/blob';
import { DriveApp, File, driveStore } from '../../emulator/services/drive';
import { pdfText } from '../../emulator/services/pdf/pdf-text';
import { SLIDES_MESSAGES, SlidesApp, type Shape } from '../../emulator/services/slides';
import { decodeGif, imageSize } from '../../emulator/services/slides/images';

// References: developers.google.com/apps-script/reference/slides/slides-app, …/presentation
// (replaceAllText: "The search is case insensitive" unless matchCase; returns the number of
// occurrences changed; saveAndClose: "A closed Presentation can't be edited"), …/slide,
// …/page-element, …/shape, …/text-range, …/text-style, …/paragraph-style;
// developers.google.com/apps-script/guides/slides/lifecycle (changes "saved all at once when the
// script execution completes, or when Presentation.saveAndClose() is called");
// developers.google.com/slides/api/guides/add-image (PNG, JPEG or GIF; < 50 MB; ≤ 25 megapixels);
// developers.google.com/apps-script/guides/services/quotas ("Presentations created 250 / 1,500").

const OWNER = 'coordinadora@trabajo.gob.pe';
const OTHER = 'consultor@trabajo.gob.pe';

function setup(manifest?: object) {
  const env = makeTestEnv({ user: OWNER, ...(manifest ? { manifest: manifest as never } : {}) });
  return { env, slides: new SlidesApp(env), drive: new DriveApp(env) };
}

/** A w × h PNG, one colour, made here (filter byte 0 per row). */
function png(w: number, h: number, rgb: [number, number, number]): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.concat(Array.from({ length: h }, () => Buffer.from([0, ...Array.from({ length: w }, () => rgb).flat()])));
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

function qrGif(text: string, cell = 4, margin = 8): { bytes: Uint8Array; qr: ReturnType<typeof qrcode> } {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const url = qr.createDataURL(cell, margin);
  return { bytes: new Uint8Array(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')), qr };
}

const shapesText = (shapes: Shape[]) => shapes.map((s) => s.getText().asString());

describe('SlidesApp — create, open, slides, shapes, text', () => {
  test('create: a Drive file of the user in My Drive, 16:9 landscape 720 × 405 pt, one title slide with empty placeholders', () => {
    const { slides, drive } = setup();
    const p = slides.create('Plantilla');
    expect(p.getName()).toBe('Plantilla');
    expect(p.getPageWidth()).toBe(720);
    expect(p.getPageHeight()).toBe(405);
    expect(p.getUrl()).toBe(`https://docs.google.com/presentation/d/${p.getId()}/edit`);
    const [slide, ...more] = p.getSlides();
    expect(more).toHaveLength(0);
    expect(shapesText(slide.getShapes())).toEqual(['', '']);
    const file = drive.getFileById(p.getId());
    expect(file.getMimeType()).toBe('application/vnd.google-apps.presentation');
    expect(file.getOwner().getEmail()).toBe(OWNER);
    const parents = file.getParents();
    expect(parents.next().getId()).toBe(drive.getRootFolder().getId());
  });

  test('text boxes: geometry in points, asString ends with the newline Slides adds, styles kept', () => {
    const { slides } = setup();
    const slide = slides.create('T').getSlides()[0];
    const box = slide.insertTextBox('Hola {{nombre}}', 10, 20, 300, 40);
    expect([box.getLeft(), box.getTop(), box.getWidth(), box.getHeight()]).toEqual([10, 20, 300, 40]);
    expect(box.getText().asString()).toBe('Hola {{nombre}}\n');
    expect(box.getShapeType()).toBe('TEXT_BOX');
    box.getText().getTextStyle().setFontSize(20).setBold(true).setForegroundColor('#B91C1C');
    box.getText().getParagraphStyle().setParagraphAlignment('CENTER');
    expect(box.getText().getTextStyle().getFontSize()).toBe(20);
    expect(box.getText().getTextStyle().isBold()).toBe(true);
    expect(box.getText().getParagraphStyle().getParagraphAlignment()).toBe('CENTER');
    box.getText().setText('Otro\n');
    expect(box.getText().asString()).toBe('Otro\n');
    box.getText().clear();
    expect(box.getText().asString()).toBe('');
    expect(() => box.getText().getParagraphStyle().setParagraphAlignment('LEFT')).toThrow('Invalid argument');
  });

  test('replaceAllText: every shape and table cell of every slide, case-insensitive unless matchCase; returns the count', () => {
    const { slides } = setup();
    const p = slides.create('T');
    const s1 = p.getSlides()[0];
    s1.insertTextBox('{{nombre}} y {{NOMBRE}}');
    const s2 = p.appendSlide();
    s2.insertTextBox('Para {{nombre}}');
    const table = s2.insertTable(2, 2);
    table.getCell(1, 1).getText().setText('{{nombre}}');
    expect(p.replaceAllText('{{nombre}}', 'Ana', true)).toBe(3);
    expect(p.replaceAllText('{{nombre}}', 'Ana')).toBe(1);
    expect(shapesText(s1.getShapes())).toEqual(['', '', 'Ana y Ana\n']);
    expect(table.getCell(1, 1).getText().asString()).toBe('Ana\n');
    expect(s2.replaceAllText('ana', 'Eva')).toBe(2);
    expect(s2.getShapes()[0].getText().replaceAllText('Eva', 'Rosa')).toBe(1);
    expect(p.replaceAllText('', 'x')).toBe(0);
  });

  test('page elements: types, asShape/asImage, remove; a removed element refuses further use', () => {
    const { slides } = setup();
    const slide = slides.create('T').getSlides()[0];
    for (const el of slide.getPageElements()) el.remove();
    const sq = slide.insertShape('RECTANGLE', 600, 300, 90, 90);
    sq.getText().setText('{{qr}}');
    slide.insertImage(new Blob(png(2, 2, [0, 0, 0]), 'image/png', 'x.png'), 1, 2, 3, 4);
    const els = slide.getPageElements();
    expect(els.map((e) => e.getPageElementType())).toEqual(['SHAPE', 'IMAGE']);
    expect(els[0].asShape().getText().asString()).toBe('{{qr}}\n');
    expect(els[1].asImage().getWidth()).toBe(3);
    expect(() => els[1].asShape()).toThrow('not a shape');
    sq.remove();
    expect(slide.getShapes()).toHaveLength(0);
    expect(() => sq.getLeft()).toThrow(SLIDES_MESSAGES.removed(sq.getObjectId === undefined ? '' : (sq as unknown as { _id: string })._id));
  });

  test('insertImage: PNG, JPEG or GIF only; without a box, at its pixel size (0.75 pt per px)', () => {
    const { slides } = setup();
    const slide = slides.create('T').getSlides()[0];
    const img = slide.insertImage(new Blob(png(40, 20, [1, 2, 3]), 'image/png', 'a.png'));
    expect([img.getLeft(), img.getTop(), img.getWidth(), img.getHeight()]).toEqual([0, 0, 30, 15]);
    expect(() => slide.insertImage(new Blob(new Uint8Array([1, 2, 3, 4]), 'image/png', 'x.png'))).toThrow(SLIDES_MESSAGES.invalidImage);
    expect(() => slide.insertImage('no es un blob' as never)).toThrow('Invalid argument');
  });
});

describe('the life cycle of an edit (guides/slides/lifecycle)', () => {
  test('an export sees only saved changes; saveAndClose saves and closes; reopening edits again', () => {
    const { env, slides, drive } = setup();
    const p = slides.create('Cert');
    p.getSlides()[0].insertTextBox('Nombre: {{nombre}}', 40, 40, 500, 40);
    p.saveAndClose();
    expect(() => p.getSlides()).toThrow(SLIDES_MESSAGES.closed);
    const again = slides.openById(p.getId());
    again.replaceAllText('{{nombre}}', 'José Ñúñez');
    const file = drive.getFileById(p.getId());
    expect(pdfText(file.getAs('application/pdf')._bytes)).toEqual(['Nombre: {{nombre}}']);
    again.saveAndClose();
    expect(pdfText(file.getAs('application/pdf')._bytes)).toEqual(['Nombre: José Ñúñez']);
    // Edits an execution leaves unsaved are saved when it ends: the next execution sees them.
    new SlidesApp(env).openById(p.getId()).replaceAllText('José', 'Ana');
    const next = new DriveApp(nextExecution(env));
    expect(pdfText(next.getFileById(p.getId()).getBlob()._bytes)).toEqual(['Nombre: Ana Ñúñez']);
  });

  test('File.makeCopy copies the saved presentation into the folder; the copy changes alone', () => {
    const { slides, drive } = setup();
    const folder = drive.createFolder('Módulo 1');
    const p = slides.create('Plantilla');
    p.getSlides()[0].insertTextBox('{{nombre}}');
    p.saveAndClose();
    const template = drive.getFileById(p.getId());
    const copy = template.makeCopy('Temporal', folder);
    expect(copy.getName()).toBe('Temporal');
    expect(copy.getMimeType()).toBe('application/vnd.google-apps.presentation');
    expect(copy.getParents().next().getId()).toBe(folder.getId());
    const c = slides.openById(copy.getId());
    expect(c.replaceAllText('{{nombre}}', 'Ana')).toBe(1);
    c.saveAndClose();
    expect(slides.openById(p.getId()).getSlides()[0].getShapes()[2].getText().asString()).toBe('{{nombre}}\n');
    expect(template.makeCopy().getName()).toBe('Copy of Plantilla');
    expect(template.makeCopy(folder).getParents().next().getId()).toBe(folder.getId());
    const plain = folder.createFile('a.txt', 'hola');
    expect(plain.makeCopy('b.txt').getBlob().getDataAsString()).toBe('hola');
  });
});

describe('PDF export of a presentation', () => {
  test('one landscape page per slide, each text at its box, Spanish kept, PNG and GIF images drawn', async () => {
    const { slides, drive } = setup();
    const p = slides.create('Certificado');
    const s1 = p.getSlides()[0];
    s1.insertTextBox('Certificado', 60, 60, 600, 50).getText().getTextStyle().setFontSize(36).setBold(true);
    s1.insertTextBox('¿Señor Núñez? ¡Sí! «Acción» – ü', 60, 150, 600, 30);
    const gif = qrGif('https://script.google.com/macros/s/x/exec?t=abc');
    s1.insertImage(new Blob(gif.bytes, 'image/gif', 'qr.gif'), 600, 300, 90, 90);
    const s2 = p.appendSlide();
    s2.insertImage(new Blob(png(8, 8, [200, 0, 0]), 'image/png', 'p.png'), 10, 10, 40, 40);
    s2.insertTextBox('Página dos', 10, 60, 200, 30);
    p.saveAndClose();
    const blob = drive.getFileById(p.getId()).getAs('application/pdf');
    expect(blob.getContentType()).toBe('application/pdf');
    expect(blob.getName()).toBe('Certificado.pdf');
    const doc = await PDFDocument.load(blob._bytes);
    expect(doc.getPageCount()).toBe(2);
    for (const page of doc.getPages()) expect([page.getWidth(), page.getHeight()]).toEqual([720, 405]);
    expect(pdfText(blob._bytes)).toEqual(['Certificado', '¿Señor Núñez? ¡Sí! «Acción» – ü', 'Página dos']);
    const raw = Buffer.from(blob._bytes).toString('latin1');
    expect(raw.match(/\/Subtype \/Image/g)?.length).toBe(2);
    expect(() => drive.getFileById(p.getId()).getAs('image/png')).toThrow('is not supported');
  });

  test('the GIF decoder reads what qrcode-generator writes: every module dark or light as the QR says', () => {
    const { bytes, qr } = qrGif('CERT-7K2M-Q9XD-4TRB-H0ZP', 2, 4);
    const size = imageSize(bytes)!;
    expect(size.mimeType).toBe('image/gif');
    const g = decodeGif(bytes);
    expect([g.width, g.height]).toEqual([size.width, size.height]);
    const n = qr.getModuleCount();
    expect(g.width).toBe(n * 2 + 8);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const p = ((4 + r * 2) * g.width + (4 + c * 2)) * 3;
        expect(g.rgb[p] < 128).toBe(qr.isDark(r, c));
      }
    }
  });

  test('text wraps inside its box and the lines stay in order', () => {
    const { slides, drive } = setup();
    const p = slides.create('W');
    p.getSlides()[0].insertTextBox('María de los Ángeles Quispe Huamán de la Torre y Mendoza Ñahui', 100, 100, 200, 100).getText().getTextStyle().setFontSize(14);
    p.saveAndClose();
    const lines = pdfText(drive.getFileById(p.getId()).getBlob()._bytes);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('María de los Ángeles Quispe Huamán de la Torre y Mendoza Ñahui');
  });
});

describe('access, scopes and quota', () => {
  function shared() {
    const { env, slides, drive } = setup();
    const p = slides.create('Privada');
    p.saveAndClose();
    const as = (user: string): ServiceEnv => nextExecution(env, 'editor', user);
    return { env, p, drive, as };
  }

  test('a user the file is not shared with gets the not-found answer; a viewer reads but cannot write', () => {
    const { p, drive, as } = shared();
    const file = drive.getFileById(p.getId());
    file.addViewer('lectora@trabajo.gob.pe');
    expect(() => new SlidesApp(as(OTHER)).openById(p.getId())).toThrow(SLIDES_MESSAGES.notFound);
    const viewer = new SlidesApp(as('lectora@trabajo.gob.pe')).openById(p.getId());
    expect(viewer.getSlides()).toHaveLength(1);
    expect(() => viewer.replaceAllText('a', 'b')).toThrow(SLIDES_MESSAGES.noEdit);
    expect(() => new SlidesApp(as(OTHER)).openById('nada')).toThrow(SLIDES_MESSAGES.notFound);
    const txt = drive.createFile('a.txt', 'x');
    expect(() => new SlidesApp(as(OWNER)).openById(txt.getId())).toThrow(SLIDES_MESSAGES.notFound);
  });

  test('a manifest that lists its scopes needs the presentations scope', () => {
    const { slides } = setup({ timeZone: 'America/Lima', oauthScopes: ['https://www.googleapis.com/auth/drive'] });
    expect(() => slides.create('x')).toThrow(SLIDES_MESSAGES.noPermission('create'));
    const ok = setup({ timeZone: 'America/Lima', oauthScopes: ['https://www.googleapis.com/auth/presentations'] });
    expect(ok.slides.create('x').getName()).toBe('x');
  });

  test('SlidesApp.create counts against "Presentations created"', () => {
    const { env, slides } = setup();
    env.state.quotas.overrides.presentationsCreated = 2;
    slides.create('1');
    slides.create('2');
    expect(() => slides.create('3')).toThrow('Service invoked too many times for one day: presentations create.');
    expect([...driveStore(env.state).items.values()].filter((i) => i.mimeType.endsWith('presentation'))).toHaveLength(2);
  });
});

describe('through the sandbox: accounted calls and modeled time', () => {
  function bundle(code: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-slides-'));
    fs.writeFileSync(path.join(dir, 'Code.js'), code);
    fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Lima', runtimeVersion: 'V8' }));
    return dir;
  }

  test('a fill-and-export chain: each call counted with its latency; the PDF shows the filled text', () => {
    const ws = Workspace.create({ at: '2026-12-10T09:00', seed: 3 });
    const ss = ws.createSpreadsheet('Talleres');
    ws.install(ss, {
      distDir: bundle(`
        function make() {
          var p = SlidesApp.create('Plantilla');
          var slide = p.getSlides()[0];
          slide.getPageElements().forEach(function (e) { e.remove(); });
          slide.insertTextBox('{{nombre}} — {{modulo}}', 40, 40, 600, 60);
          p.saveAndClose();
          return p.getId();
        }
        function fill(templateId) {
          var folder = DriveApp.getRootFolder();
          var copy = DriveApp.getFileById(templateId).makeCopy('Temporal', folder);
          var p = SlidesApp.openById(copy.getId());
          var n = p.replaceAllText('{{nombre}}', 'Ana Peña') + p.replaceAllText('{{modulo}}', 'Finanzas');
          p.saveAndClose();
          var pdf = folder.createFile(copy.getAs('application/pdf').setName('Certificado.pdf'));
          copy.setTrashed(true);
          return { n: n, pdf: pdf.getId(), shapeType: String(SlidesApp.ShapeType.RECTANGLE) };
        }`),
    });
    const made = ws.run(ss, 'make');
    expect(made.error).toBeUndefined();
    const out = ws.run(ss, 'fill', [made.value]);
    expect(out.error).toBeUndefined();
    const v = out.value as { n: number; pdf: string; shapeType: string };
    expect(v.n).toBe(2);
    expect(v.shapeType).toBe('RECTANGLE');
    const pdf = ws.driveFile(v.pdf);
    expect(pdf.mimeType).toBe('application/pdf');
    expect(pdfText(pdf.bytes)).toEqual(['Ana Peña — Finanzas']);
    const r = out.record;
    expect(r.methods['Presentation.replaceAllText']).toBe(2);
    expect(r.calls.Slides).toBe(4);
    // 200 getFileById + 900 makeCopy + 500 openById + 2 × 400 replaceAllText + 800 saveAndClose + 1500 getAs + 600 createFile + 150 setTrashed …
    expect(r.modeledMs).toBeGreaterThanOrEqual(200 + 900 + 500 + 800 + 800 + 1500 + 600);
    expect(ws.driveFiles().find((f) => f.name === 'Temporal')!.trashed).toBe(true);
    expect(pdfText(ws.presentationPdf(made.value as string))).toEqual(['{{nombre}} — {{modulo}}']);
  });

  test('a simple trigger may not use SlidesApp', () => {
    const ws = Workspace.create({ at: '2026-12-10T09:00', seed: 3 });
    const ss = ws.createSpreadsheet('Talleres');
    ws.install(ss, { distDir: bundle(`function onOpen() { SlidesApp.create('x'); }`) });
    const [open] = ws.openSpreadsheet(ss);
    expect(open.error).toContain('You do not have permission to call SlidesApp.create');
  });
});

// File is imported for its type in the helpers above.
void File;

describe('the advanced Slides service (Slides.Presentations.batchUpdate)', () => {
  function bundleWith(code: string, advanced: boolean): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-slides-api-'));
    fs.writeFileSync(path.join(dir, 'Code.js'), code);
    const manifest = {
      timeZone: 'America/Lima',
      runtimeVersion: 'V8',
      ...(advanced ? { dependencies: { enabledAdvancedServices: [{ userSymbol: 'Slides', serviceId: 'slides', version: 'v1' }] } } : {}),
    };
    fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify(manifest));
    return dir;
  }
  const CODE = `
    function run() {
      var p = SlidesApp.create('Plantilla');
      var slide = p.getSlides()[0];
      slide.insertTextBox('{{nombre}} / {{modulo}} / {{nombre}}', 10, 10, 600, 40);
      var qr = slide.insertShape(SlidesApp.ShapeType.RECTANGLE, 600, 300, 90, 90);
      qr.getText().setText('{{qr}}');
      var qrId = qr.getObjectId();
      p.saveAndClose();
      var out = Slides.Presentations.batchUpdate({ requests: [
        { replaceAllText: { containsText: { text: '{{nombre}}', matchCase: true }, replaceText: 'Ana' } },
        { replaceAllText: { containsText: { text: '{{modulo}}', matchCase: true }, replaceText: 'Finanzas' } },
        { replaceAllText: { containsText: { text: '{{nada}}', matchCase: true }, replaceText: 'x' } },
        { deleteObject: { objectId: qrId } },
      ] }, p.getId());
      var bad;
      try { Slides.Presentations.batchUpdate({ requests: [{ replaceAllText: { containsText: { text: 'Ana' }, replaceText: 'Eva' } }, { deleteObject: { objectId: 'nope' } }] }, p.getId()); }
      catch (e) { bad = e.message; }
      return { replies: out.replies, bad: bad, id: p.getId() };
    }
    function hasSlides() { return typeof Slides; }`;

  test('one request for all replacements and the deletion, replies in order; a bad batch changes nothing', () => {
    const ws = Workspace.create({ at: '2026-12-10T09:00', seed: 3 });
    const ss = ws.createSpreadsheet('Talleres');
    ws.install(ss, { distDir: bundleWith(CODE, true) });
    const out = ws.run(ss, 'run');
    expect(out.error).toBeUndefined();
    const v = out.value as { replies: unknown[]; bad: string; id: string };
    expect(v.replies).toEqual([{ replaceAllText: { occurrencesChanged: 2 } }, { replaceAllText: { occurrencesChanged: 1 } }, { replaceAllText: {} }, {}]);
    expect(v.bad).toBe('API call to slides.presentations.batchUpdate failed with error: Invalid requests[1].deleteObject: The object (nope) could not be found.');
    expect(pdfText(ws.presentationPdf(v.id))).toEqual(['Ana / Finanzas / Ana']);
    expect(out.record.methods['Slides.Presentations.batchUpdate']).toBe(2);
  });

  test('absent unless the manifest enables it', () => {
    const ws = Workspace.create({ at: '2026-12-10T09:00', seed: 3 });
    const ss = ws.createSpreadsheet('Talleres');
    ws.install(ss, { distDir: bundleWith(CODE, false) });
    expect(ws.run(ss, 'hasSlides').value).toBe('undefined');
  });
});
