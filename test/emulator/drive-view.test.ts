/**
 * The emulator UI's Drive page (emulator/ui/drive-view.ts) lists what the Drive store holds: the
 * product's folders and PDFs (ficha técnica, certificates, reports) open in the browser, and a
 * Slides presentation (the certificate template) opens as its PDF export; the trash and the
 * users' root folders are not listed.
 */
import { makeTestEnv } from '../../emulator/testing';
import { Blob } from '../../emulator/services/blob';
import { DriveApp } from '../../emulator/services/drive';
import { pdfText } from '../../emulator/services/pdf/pdf-text';
import { SlidesApp } from '../../emulator/services/slides';
import { driveFileContent, driveFiles } from '../../emulator/ui/drive-view';

test('folders, files and presentations are listed; the trash is not; a presentation opens as a PDF', () => {
  const env = makeTestEnv({ user: 'coordinadora@trabajo.gob.pe' });
  const drive = new DriveApp(env);
  const folder = drive.createFolder('Aprende a Emprender I');
  const pdf = folder.createFile(new Blob(new Uint8Array(Buffer.from('%PDF-1.4 ficha')), 'application/pdf', 'Ficha técnica.pdf'));
  const gone = folder.createFile(new Blob(new Uint8Array([1, 2, 3]), 'text/plain', 'borrador.txt'));
  gone.setTrashed(true);
  const deck = new SlidesApp(env).create('Plantilla de certificado');
  deck.getSlides()[0]!.insertTextBox('Certificado para {{nombre}}', 40, 40, 600, 60);
  deck.saveAndClose();

  const listed = driveFiles(env.state)!;
  expect(listed.map((f) => f.name).sort()).toEqual(['Aprende a Emprender I', 'Ficha técnica.pdf', 'Plantilla de certificado']);
  const file = listed.find((f) => f.id === pdf.getId())!;
  expect(file).toMatchObject({ folder: false, mimeType: 'application/pdf', size: 14, parents: [folder.getId()], contentUrl: `/api/drive/${pdf.getId()}/content` });
  expect(listed.find((f) => f.name === 'Aprende a Emprender I')).toMatchObject({ folder: true });
  expect(driveFileContent(env.state, pdf.getId())!.bytes.toString()).toBe('%PDF-1.4 ficha');

  const opened = driveFileContent(env.state, deck.getId())!;
  expect(opened.mimeType).toBe('application/pdf');
  expect(pdfText(opened.bytes).join(' ')).toContain('Certificado para {{nombre}}');
  expect(driveFileContent(env.state, folder.getId())).toBeUndefined();
});
