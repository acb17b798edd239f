/**
 * The CertificateSlides adapter (src/gas/certificate-slides.ts) against the emulated SlidesApp
 * and DriveApp (called from the host, as the SheetTable adapter's test does): the default
 * template, its text, and one certificate's PDF — filled, with the QR in its box, saved in the
 * folder, the working copy trashed also when a step fails.
 */
import { StandardFontEmbedder, StandardFonts } from 'pdf-lib';
import qrcode from 'qrcode-generator';
import { makeTestEnv, nextExecution } from '../../emulator/testing';
import type { ServiceEnv } from '../../emulator/core/env';
import { DriveApp, driveStore } from '../../emulator/services/drive';
import { pdfText } from '../../emulator/services/pdf/pdf-text';
import { SlidesApp } from '../../emulator/services/slides';
import { savedPresentation } from '../../emulator/services/slides/doc';
import { Utilities } from '../../emulator/services/utilities';
import { SlidesCertificates, inertValue } from '../../src/gas/certificate-slides';

const OWNER = 'coordinadora@trabajo.gob.pe';
const g = globalThis as Record<string, unknown>;

function use(env: ServiceEnv) {
  g.DriveApp = new DriveApp(env);
  g.SlidesApp = new SlidesApp(env);
  g.Utilities = new Utilities(env);
}

function world() {
  const env = makeTestEnv({ user: OWNER });
  use(env);
  const drive = new DriveApp(env);
  const folder = drive.createFolder('Módulo 1 - Finanzas');
  return { env, drive, folder, certs: new SlidesCertificates() };
}

function qrGif(text: string): number[] {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const url = qr.createDataURL(4, 8);
  return [...Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')];
}

const REPLACEMENTS = {
  '{{nombre}}': "María José O'Neill Ñahui",
  '{{documento}}': 'DNI 40000012',
  '{{modulo}}': 'Finanzas para tu negocio',
  '{{horas}}': '12',
  '{{fechas}}': 'del 1 al 22 de diciembre de 2026',
  '{{codigo}}': 'CERT-7K2M-Q9XD-4TRB-H0ZP',
  '{{verificacion}}': 'https://script.google.com/macros/s/AKfy/exec?a=verificar&t=abc',
};

const livePdfNames = (env: ServiceEnv) =>
  [...driveStore(env.state).items.values()].filter((i) => !i.trashed && i.mimeType === 'application/pdf').map((i) => i.name).sort();

afterEach(() => {
  delete g.DriveApp;
  delete g.SlidesApp;
  delete g.Utilities;
});

describe('createTemplate / templateText', () => {
  test('a landscape presentation in the folder with the service, the title and every placeholder', () => {
    const { env, drive, folder, certs } = world();
    const t = certs.createTemplate(folder.getId(), 'Plantilla de certificado');
    const file = drive.getFileById(t.id);
    expect(t.name).toBe('Plantilla de certificado');
    expect(file.getParents().next().getId()).toBe(folder.getId());
    const text = certs.templateText(t.id)!;
    for (const s of ['Certificado', 'Servicio de Orientación para el Emprendimiento', 'Ministerio de Trabajo y Promoción del Empleo', '{{nombre}}', '{{documento}}', '{{modulo}}', '{{horas}}', '{{fechas}}', '{{codigo}}', '{{verificacion}}', '{{qr}}']) {
      expect(text).toContain(s);
    }
    const p = new SlidesApp(env).openById(t.id);
    expect([p.getPageWidth(), p.getPageHeight()]).toEqual([720, 405]);
    expect(p.getSlides()).toHaveLength(1);
  });

  test('templateText: null for an unknown ID, a trashed template, or one this person cannot open', () => {
    const { env, folder, certs, drive } = world();
    expect(certs.templateText('nada')).toBeNull();
    expect(certs.templateText('')).toBeNull();
    const t = certs.createTemplate(folder.getId(), 'P');
    drive.getFileById(t.id).addEditor('otra@trabajo.gob.pe');
    use(nextExecution(env, 'editor', 'extraño@trabajo.gob.pe'));
    expect(certs.templateText(t.id)).toBeNull();
    use(nextExecution(env));
    drive.getFileById(t.id).setTrashed(true);
    expect(certs.templateText(t.id)).toBeNull();
  });
});

describe('the default design', () => {
  test('an 80-character name with accents fits the name box in two lines; the boxes do not overlap', () => {
    const { env, folder, certs } = world();
    const t = certs.createTemplate(folder.getId(), 'Plantilla');
    const p = savedPresentation(driveStore(env.state).get(t.id)!, null);
    const boxes = p.slides[0].elements.filter((e) => e.kind === 'shape' && e.shapeType === 'TEXT_BOX' || (e.text ?? '').includes('{{qr}}'));
    const name = boxes.find((e) => e.text === '{{nombre}}')!;
    const eighty = 'María de los Ángeles Quispe Huamán de la Torre y Mendoza Ñahui Cárdenas Villanue';
    expect(eighty).toHaveLength(80);
    const font = StandardFontEmbedder.for(StandardFonts.HelveticaBold as never);
    const size = name.style!.fontSize!;
    const inner = name.width - 2 * 7.2;
    const words = eighty.split(' ');
    let lines = 1;
    let line = '';
    for (const w of words) {
      const candidate = line ? `${line} ${w}` : w;
      if (font.widthOfTextAtSize(candidate, size) <= inner) line = candidate;
      else {
        lines++;
        line = w;
      }
    }
    expect(lines).toBe(2);
    expect(lines * size * 1.2 + 2 * 7.2).toBeLessThanOrEqual(name.height);
    // No two boxes overlap (the frame is the one big rectangle around everything).
    const frameless = boxes.filter((e) => e.width < 690);
    for (const a of frameless) {
      for (const b of frameless) {
        if (a === b) continue;
        const overlap = a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
        expect([a.text, b.text, overlap]).toEqual([a.text, b.text, false]);
      }
    }
  });
});

describe('renderPdf', () => {
  test('the PDF in the folder shows the filled text; the QR image sits in the marker box; no copy is left', () => {
    const { env, folder, certs } = world();
    const t = certs.createTemplate(folder.getId(), 'Plantilla');
    const out = certs.renderPdf({
      templateId: t.id,
      folderId: folder.getId(),
      name: `Certificado - María José - CERT-7K2M-Q9XD-4TRB-H0ZP.pdf`,
      replacements: REPLACEMENTS,
      qrImage: { bytes: qrGif(REPLACEMENTS['{{verificacion}}']), mimeType: 'image/gif' },
    });
    const store = driveStore(env.state);
    const item = store.get(out.id)!;
    expect(item.mimeType).toBe('application/pdf');
    expect(item.name).toBe('Certificado - María José - CERT-7K2M-Q9XD-4TRB-H0ZP.pdf');
    expect(item.parents).toEqual([folder.getId()]);
    const lines = pdfText(store.bytes(item)).join('\n');
    expect(lines).toContain("María José O'Neill Ñahui");
    expect(lines).toContain('DNI 40000012');
    expect(lines).toContain('«Finanzas para tu negocio» (12');
    expect(lines).toContain('Código: CERT-7K2M-Q9XD-4TRB-H0ZP');
    expect(lines).not.toMatch(/\{\{/);
    expect(Buffer.from(store.bytes(item)).toString('latin1').match(/\/Subtype \/Image/g)).toHaveLength(1);
    const temps = [...store.items.values()].filter((i) => i.name.startsWith('Temporal - '));
    expect(temps).toHaveLength(1);
    expect(temps[0].trashed).toBe(true);
    // In the filled copy, the QR image took the marker's box (the default template's 84 × 84 square) and the marker is gone.
    const filled = savedPresentation(temps[0], null);
    const elements = filled.slides[0].elements;
    expect(elements.filter((e) => e.kind === 'image').map((e) => [e.left, e.top, e.width, e.height])).toEqual([[592, 290, 84, 84]]);
    expect(elements.some((e) => (e.text ?? '').includes('{{qr}}'))).toBe(false);
    // The template itself is untouched.
    expect(certs.templateText(t.id)).toContain('{{nombre}}');
  });

  test('a run of certificates fetches the folder and the template once, not once per certificate', () => {
    const { env, folder, certs } = world();
    const t = certs.createTemplate(folder.getId(), 'Plantilla');
    const drive = g.DriveApp as DriveApp;
    const folders = jest.spyOn(drive, 'getFolderById');
    const files = jest.spyOn(drive, 'getFileById');
    for (const code of ['CERT-AAAA-AAAA-AAAA-AAAA', 'CERT-BBBB-BBBB-BBBB-BBBB', 'CERT-CCCC-CCCC-CCCC-CCCC']) {
      certs.renderPdf({ templateId: t.id, folderId: folder.getId(), name: `Certificado - ${code}.pdf`, replacements: { ...REPLACEMENTS, '{{codigo}}': code } });
    }
    expect(folders.mock.calls).toEqual([[folder.getId()]]);
    expect(files.mock.calls).toEqual([[t.id]]);
    expect(livePdfNames(env)).toEqual(['Certificado - CERT-AAAA-AAAA-AAAA-AAAA.pdf', 'Certificado - CERT-BBBB-BBBB-BBBB-BBBB.pdf', 'Certificado - CERT-CCCC-CCCC-CCCC-CCCC.pdf']);
  });

  test('a value that looks like a placeholder stays text (hostile name), markup shows as text', () => {
    const { env, folder, certs } = world();
    const t = certs.createTemplate(folder.getId(), 'Plantilla');
    const out = certs.renderPdf({ templateId: t.id, folderId: folder.getId(), name: 'c.pdf', replacements: { ...REPLACEMENTS, '{{nombre}}': '<b>{{codigo}}</b>' } });
    const lines = pdfText(driveStore(env.state).bytes(driveStore(env.state).get(out.id)!)).join('\n');
    expect(lines).toContain('<b>{{codigo}}</b>');
    expect(inertValue('{{a}}')).toBe('{\u200b{a}}');
  });

  test('without a QR image the marker is removed; a step failing after the copy still trashes the copy', () => {
    const { env, folder, certs } = world();
    const t = certs.createTemplate(folder.getId(), 'Plantilla');
    const out = certs.renderPdf({ templateId: t.id, folderId: folder.getId(), name: 'sin-qr.pdf', replacements: REPLACEMENTS });
    const store = driveStore(env.state);
    expect(pdfText(store.bytes(store.get(out.id)!)).join('\n')).not.toContain('{{qr}}');
    // saveAndClose fails: the copy is trashed anyway and the error reaches the caller.
    const spy = jest.spyOn(require('../../emulator/services/slides').Presentation.prototype, 'saveAndClose').mockImplementation(() => {
      throw new Error('Service error: Slides');
    });
    try {
      expect(() => certs.renderPdf({ templateId: t.id, folderId: folder.getId(), name: 'x.pdf', replacements: REPLACEMENTS })).toThrow('Service error: Slides');
    } finally {
      spy.mockRestore();
    }
    const temps = [...store.items.values()].filter((i) => i.name.startsWith('Temporal - '));
    expect(temps).toHaveLength(2);
    expect(temps.every((i) => i.trashed)).toBe(true);
    expect([...store.items.values()].some((i) => i.name === 'x.pdf')).toBe(false);
  });

  test('the folder deleted, or a template that is not there: it throws before copying anything', () => {
    const { env, folder, certs } = world();
    const t = certs.createTemplate(folder.getId(), 'Plantilla');
    const before = driveStore(env.state).items.size;
    expect(() => certs.renderPdf({ templateId: 'nada', folderId: folder.getId(), name: 'c.pdf', replacements: REPLACEMENTS })).toThrow();
    expect(() => certs.renderPdf({ templateId: t.id, folderId: 'no-existe', name: 'c.pdf', replacements: REPLACEMENTS })).toThrow();
    expect(driveStore(env.state).items.size).toBe(before);
  });
});
