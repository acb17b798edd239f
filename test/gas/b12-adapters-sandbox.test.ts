/**
 * The B12 adapters (src/gas/certificate-slides.ts, src/gas/generated-tabs.ts) bundled by esbuild
 * as the build bundles src/, and run inside the emulator's sandbox: values cross the realm wall
 * as in Apps Script, every service call is counted and charged its modeled latency. What one
 * certificate costs here is the floor the certificates bench builds on.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../emulator';
import { pdfText } from '../../emulator/services/pdf/pdf-text';

const ROOT = path.resolve(__dirname, '../..');

function bundle(advancedSlides = false): string {
  const entry = `
    import { SlidesCertificates } from './src/gas/certificate-slides';
    import { SheetsGeneratedTabs } from './src/gas/generated-tabs';
    import qrcode from 'qrcode-generator';
    export function makeTemplate() {
      const folder = DriveApp.getRootFolder().createFolder('Módulo 1');
      return { folderId: folder.getId(), template: new SlidesCertificates().createTemplate(folder.getId(), 'Plantilla de certificado') };
    }
    export function render(templateId, folderId, names) {
      const certs = new SlidesCertificates();
      return names.map((name, i) => {
        const code = 'CERT-0000-0000-0000-000' + i;
        const qr = qrcode(0, 'M');
        qr.addData('https://example.org/v?c=' + code);
        qr.make();
        const url = qr.createDataURL(4, 8);
        const bytes = Array.from(Utilities.base64Decode(url.slice(url.indexOf(',') + 1)), (b) => b & 255);
        return certs.renderPdf({
          templateId, folderId, name: 'Certificado - ' + name + ' - ' + code + '.pdf',
          replacements: { '{{nombre}}': name, '{{documento}}': 'DNI 4000001' + i, '{{modulo}}': 'Finanzas', '{{horas}}': '12',
            '{{fechas}}': 'del 1 al 22 de diciembre de 2026', '{{codigo}}': code, '{{verificacion}}': 'https://example.org/v?c=' + code },
          qrImage: { bytes, mimeType: 'image/gif' },
        });
      });
    }
    export function tabs() {
      const t = new SheetsGeneratedTabs(SpreadsheetApp.getActive());
      const rows = [['Sesión', 'Asistentes']];
      for (let i = 1; i <= 4; i++) rows.push(['Sesión ' + i, 40 + i]);
      t.replace('Consolidado asistencia', rows, [{ type: 'column', title: 'Asistencia por sesión', range: { row: 1, column: 1, numRows: 5, numColumns: 2 }, anchor: { row: 2, column: 4 } }]);
      t.replace('Consolidado asistencia', rows, [{ type: 'column', title: 'Asistencia por sesión', range: { row: 1, column: 1, numRows: 5, numColumns: 2 }, anchor: { row: 2, column: 4 } }]);
      return t.exists('Consolidado asistencia');
    }`;
  const out = esbuild.buildSync({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: '__t',
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  });
  const code = `${out.outputFiles[0].text}
function makeTemplate() { return __t.makeTemplate.apply(this, arguments); }
function render() { return __t.render.apply(this, arguments); }
function tabs() { return __t.tabs.apply(this, arguments); }
`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-b12-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')) as { dependencies: { enabledAdvancedServices: object[] } };
  // The product's manifest enables the advanced Slides service; without it the adapter falls back to SlidesApp alone.
  const services = manifest.dependencies.enabledAdvancedServices.filter((x) => (x as { userSymbol?: string }).userSymbol !== 'Slides');
  manifest.dependencies.enabledAdvancedServices = advancedSlides ? [...services, { userSymbol: 'Slides', serviceId: 'slides', version: 'v1' }] : services;
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify(manifest));
  return dir;
}

function world(advancedSlides = false) {
  const ws = Workspace.create({ at: '2026-12-23T09:00', seed: 13, user: 'coordinadora@trabajo.gob.pe' });
  const ss = ws.createSpreadsheet('Programación Talleres Masivos');
  ws.install(ss, { distDir: bundle(advancedSlides) });
  return { ws, ss };
}

test('certificates: template, then PDFs in the folder that read right; per certificate a fixed chain of calls (SlidesApp alone)', () => {
  const { ws, ss } = world(false);
  const made = ws.run(ss, 'makeTemplate');
  expect(made.error).toBeUndefined();
  const { folderId, template } = made.value as { folderId: string; template: { id: string } };
  const names = ["Ana Peña", "José O'Neill", 'María de los Ángeles Quispe Huamán de la Torre Ñahui'];
  const one = ws.run(ss, 'render', [template.id, folderId, names.slice(0, 1)]);
  const three = ws.run(ss, 'render', [template.id, folderId, names]);
  expect(one.error).toBeUndefined();
  expect(three.error).toBeUndefined();
  const pdfs = ws.driveFiles().filter((f) => f.mimeType === 'application/pdf' && !f.trashed);
  expect(pdfs).toHaveLength(4);
  for (const f of pdfs) expect(f.parents).toEqual([folderId]);
  const last = ws.driveFile(pdfs[3].id);
  expect(last.name).toBe('Certificado - María de los Ángeles Quispe Huamán de la Torre Ñahui - CERT-0000-0000-0000-0002.pdf');
  const text = pdfText(last.bytes).join(' ');
  expect(text).toContain('María de los Ángeles Quispe Huamán de la Torre Ñahui');
  expect(text).toContain('CERT-0000-0000-0000-0002');
  expect(ws.driveFiles().filter((f) => f.name.startsWith('Temporal - ')).every((f) => f.trashed)).toBe(true);
  // Calls per certificate do not depend on anything but the template: 3 certificates = 3 × 1.
  const slidesCalls = (r: typeof one.record) => r.calls.Slides ?? 0;
  expect(slidesCalls(three.record)).toBe(3 * slidesCalls(one.record));
  expect(three.record.methods['Presentation.replaceAllText']).toBe(3 * 7);
  expect(three.record.methods['File.makeCopy']).toBe(3);
  expect(three.record.methods['File.getAs']).toBe(3);
  // The modeled time of one certificate (Utilities and the QR are local): ~8–10 s of Slides and Drive calls.
  if (process.env.SOE_PRINT) console.log(one.record.modeledMs, JSON.stringify(one.record.methods));
  expect(one.record.modeledMs).toBeGreaterThan(6000);
  expect(one.record.modeledMs).toBeLessThan(12000);
});

test('with the advanced Slides service: the same PDFs, one batchUpdate per certificate instead of seven replaceAllText', () => {
  const plain = world(false);
  const fast = world(true);
  const results = [plain, fast].map(({ ws, ss }) => {
    const made = ws.run(ss, 'makeTemplate').value as { folderId: string; template: { id: string } };
    const out = ws.run(ss, 'render', [made.template.id, made.folderId, ["José O'Neill Ñahui"]]);
    expect(out.error).toBeUndefined();
    const pdf = ws.driveFiles().find((f) => f.mimeType === 'application/pdf')!;
    return { record: out.record, text: pdfText(ws.driveFile(pdf.id).bytes), image: (Buffer.from(ws.driveFile(pdf.id).bytes).toString('latin1').match(/\/Subtype \/Image/g) ?? []).length };
  });
  expect(results[1].text).toEqual(results[0].text);
  expect(results[1].image).toBe(1);
  expect(results[1].record.methods['Presentation.replaceAllText']).toBeUndefined();
  expect(results[1].record.methods['Slides.Presentations.batchUpdate']).toBe(1);
  expect(results[1].record.methods['Shape.remove']).toBeUndefined();
  if (process.env.SOE_PRINT) console.log(results.map((r) => r.record.modeledMs));
  expect(results[1].record.modeledMs).toBeLessThan(results[0].record.modeledMs - 2500);
});

test('generated tabs: replaced whole twice, one chart in the end, the bundle runs in the sandbox', () => {
  const { ws, ss } = world();
  const out = ws.run(ss, 'tabs');
  expect(out.error).toBeUndefined();
  expect(out.value).toBe(true);
  expect(ws.values(ss, 'Consolidado asistencia').slice(0, 2)).toEqual([['Sesión', 'Asistentes'], ['Sesión 1', 41]]);
  expect(out.record.methods['Sheet.insertChart']).toBe(2);
  expect(out.record.methods['Sheet.removeChart']).toBe(1);
  expect(out.record.methods['Range.setValues']).toBe(2);
});
