import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { Workspace } from '../../emulator';
import { makeTestEnv } from '../../emulator/testing';
import { Blob } from '../../emulator/services/blob';
import { Utilities } from '../../emulator/services/utilities';
import { DriveApp } from '../../emulator/services/drive';
import { htmlToBlocks } from '../../emulator/services/pdf/html-text';
import { pdfText } from '../../emulator/services/pdf/pdf-text';

// References: developers.google.com/apps-script/reference/base/blob (getAs: "adds the
// appropriate extension to the filename … 'ShoppingList.12.25.2014' becomes
// 'ShoppingList.12.25.pdf'"; "for most blobs, 'application/pdf' is the only valid option"),
// …/base/blob-source, …/drive/file#getAs(String), …/utilities/utilities#newBlob.

const CERT = `<!DOCTYPE html><html><head><title>no se ve</title><style>h1 { color: red }</style></head>
<body>
  <h1>Certificado de participación</h1>
  <p>Se certifica que <b>José Ñúñez Peña</b> participó en el taller «Cómo formalizar tu negocio».</p>
  <p>¿Preguntas? ¡Escríbenos!<br>Lima, 27 de noviembre de 2026</p>
  <table><tr><th>Sesión</th><th>Fecha</th></tr><tr><td>1 &amp; 2</td><td>27/11/2026</td></tr></table>
  <script>alert('no')</script>
  <p>Símbolos fuera de WinAnsi: 日本 ✓</p>
</body></html>`;

function utilities() {
  const env = makeTestEnv();
  return { env, u: new Utilities(env) };
}

async function pageCount(bytes: Uint8Array): Promise<number> {
  return (await PDFDocument.load(bytes)).getPageCount();
}

describe('Blob.getAs("application/pdf") — reference/base/blob', () => {
  test('an HTML blob becomes a real PDF whose visible text is the HTML text, line by line', async () => {
    const { u } = utilities();
    const pdf = u.newBlob(CERT, 'text/html', 'Certificado.html').getAs('application/pdf');
    expect(pdf.getContentType()).toBe('application/pdf');
    expect(pdf.getName()).toBe('Certificado.pdf');
    const bytes = pdf._bytes;
    expect(Buffer.from(bytes.slice(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(await pageCount(bytes)).toBe(1);
    expect(pdfText(bytes)).toEqual([
      'Certificado de participación',
      'Se certifica que José Ñúñez Peña participó en el taller «Cómo formalizar tu negocio».',
      '¿Preguntas? ¡Escríbenos!',
      'Lima, 27 de noviembre de 2026',
      'Sesión   Fecha',
      '1 & 2   27/11/2026',
      'Símbolos fuera de WinAnsi: ?? ?', // replaced, not crashed on
    ]);
    // getBytes follows Apps Script: signed Java bytes.
    expect(pdf.getBytes().slice(0, 4)).toEqual([37, 80, 68, 70]);
    expect(pdf.getBytes().every((b) => b >= -128 && b <= 127)).toBe(true);
  });

  test('the text is really in the page content stream (inflated with zlib, not only in our reader)', () => {
    const { u } = utilities();
    const bytes = u.newBlob('<p>Hola mundo</p>', 'text/html').getAs('application/pdf')._bytes;
    const raw = Buffer.from(bytes).toString('latin1');
    const m = /\/Filter \/FlateDecode[^>]*\/Length (\d+)[^>]*>>\s*stream\n|\/Length (\d+)[^>]*\/Filter \/FlateDecode[^>]*>>\s*stream\n/.exec(raw)!;
    expect(m).not.toBeNull();
    const start = m.index + m[0].length;
    const content = inflateSync(Buffer.from(raw.slice(start, start + Number(m[1] ?? m[2])), 'latin1')).toString('latin1');
    expect(content).toContain(`<${Buffer.from('Hola mundo', 'latin1').toString('hex').toUpperCase()}> Tj`);
    expect(content).toMatch(/\/Helvetica\S* 11 Tf/); // the standard font at body size
    expect(raw).toContain('/BaseFont /Helvetica');
    expect(raw).toContain('/Encoding /WinAnsiEncoding');
  });

  test('long text wraps and flows onto more pages', async () => {
    const { u } = utilities();
    const para = `<p>${'palabra '.repeat(400)}</p>`;
    const bytes = u.newBlob(para.repeat(8), 'text/html').getAs('application/pdf')._bytes;
    expect(await pageCount(bytes)).toBeGreaterThan(1);
    const lines = pdfText(bytes);
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.join(' ').split(/\s+/).filter((w) => w === 'palabra')).toHaveLength(3200);
  });

  test('plain text converts too, one paragraph per line; the name\'s last extension is replaced', () => {
    const { u } = utilities();
    const pdf = u.newBlob('línea uno\nlínea dos', 'text/plain', 'ShoppingList.12.25.2014').getAs('application/pdf');
    expect(pdf.getName()).toBe('ShoppingList.12.25.pdf');
    expect(pdfText(pdf._bytes)).toEqual(['línea uno', 'línea dos']);
    expect(u.newBlob('x', 'text/plain').getAs('application/pdf').getName()).toBeNull();
  });

  test('the same type gives a copy; an unsupported conversion throws', () => {
    const { u } = utilities();
    const b = u.newBlob('hola', 'text/plain', 'a.txt');
    const copy = b.getAs('text/plain');
    expect(copy.getDataAsString()).toBe('hola');
    expect(copy).not.toBe(b);
    expect(() => b.getAs('image/png')).toThrow('Converting from text/plain to image/png is not supported.');
    expect(() => new Blob(new Uint8Array([1, 2]), 'image/png').getAs('application/pdf')).toThrow(/not supported/);
  });

  test('the PDF is dated by the virtual clock, so the same input gives the same bytes', () => {
    const a = utilities().u.newBlob(CERT, 'text/html').getAs('application/pdf')._bytes;
    const b = utilities().u.newBlob(CERT, 'text/html').getAs('application/pdf')._bytes;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).toString('latin1')).toContain('/CreationDate (D:20261127');
  });

  test('Blob basics as documented: getDataAsString, getContentType, getName/setName', () => {
    const { u } = utilities();
    const b = u.newBlob('<p>ñ</p>', 'text/html');
    expect(b.getName()).toBeNull();
    expect(b.setName('x.html').getName()).toBe('x.html');
    expect(b.getContentType()).toBe('text/html');
    expect(b.getDataAsString()).toBe('<p>ñ</p>');
  });

  test('html-to-text: headings, paragraphs, list items, rows and <br> start lines; entities decode', () => {
    expect(htmlToBlocks('<h2>Título</h2>texto suelto<ul><li>uno</li><li>dos</li></ul>a<br/>b&nbsp;c &#191;d&#x3F;')).toEqual([
      { kind: 'h2', text: 'Título' },
      { kind: 'p', text: 'texto suelto' },
      { kind: 'p', text: '• uno' },
      { kind: 'p', text: '• dos' },
      { kind: 'p', text: 'a' },
      { kind: 'p', text: 'b c ¿d?' },
    ]);
  });
});

describe('File.getAs and a script making a certificate PDF in Drive — reference/drive/file', () => {
  test('DriveApp.createFile(html blob).getAs(pdf) → a PDF file in a folder; ws.driveFile gives its bytes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-pdf-'));
    fs.writeFileSync(
      path.join(dir, 'Code.js'),
      `function certify(name) {
        var html = '<h1>Certificado</h1><p>Otorgado a ' + name + '</p>';
        var pdf = Utilities.newBlob(html, 'text/html', 'Certificado - ' + name + '.html').getAs('application/pdf');
        var folder = DriveApp.createFolder('Certificados');
        var file = folder.createFile(pdf);
        file.setSharing(DriveApp.Access.ANYONE_WITH_LINK, DriveApp.Permission.VIEW);
        return { id: file.getId(), url: file.getUrl(), type: file.getMimeType() };
      }`,
    );
    fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Lima', runtimeVersion: 'V8' }));
    const ws = Workspace.create({ at: '2026-11-27T09:00', user: 'coordinadora@trabajo.gob.pe', seed: 11 });
    const ss = ws.createSpreadsheet('Libro');
    ws.install(ss, { distDir: dir });
    const r = ws.run(ss, 'certify', ['María Ñahui']);
    expect(r.error).toBeUndefined();
    const { id, type } = r.value as { id: string; url: string; type: string };
    expect(type).toBe('application/pdf');
    const listed = ws.driveFiles().find((f) => f.id === id)!;
    expect(listed).toMatchObject({ name: 'Certificado - María Ñahui.pdf', mimeType: 'application/pdf', owner: 'coordinadora@trabajo.gob.pe' });
    const file = ws.driveFile(id);
    expect(await pageCount(file.bytes)).toBe(1);
    expect(pdfText(file.bytes)).toEqual(['Certificado', 'Otorgado a María Ñahui']);
    expect(r.record.calls.Drive).toBeGreaterThan(0);
  });

  test('File.getAs(pdf) converts an HTML file stored in Drive', () => {
    const env = makeTestEnv();
    const drive = new DriveApp(env);
    const f = drive.createFile('diploma.html', '<h1>Diploma</h1>', 'text/html');
    const pdf = f.getAs('application/pdf');
    expect(pdf.getName()).toBe('diploma.pdf');
    expect(pdfText(pdf._bytes)).toEqual(['Diploma']);
  });
});
