/**
 * B12 verification and Ley 29733 over certificates, on the built bundle in the emulator. The web
 * app of "Programación Talleres Masivos" answers the signed 'verificar' link printed on each
 * certificate: valid / replaced / revoked / unknown, with only the name, module and dates; the
 * link is never spent (GET twice, even a forged POST), a forged token gets the router's "not
 * valid" page. Then the personal-data panel: the export lists the person's certificates with
 * their codes; a deletion trashes the PDF in the module's folder, blanks the name and revokes
 * the codes, so the page answers «revocado» without naming her.
 *
 * The 'Certificados' rows are put with putRows (the issuing job is built by another branch).
 */
import { driveStore, FOLDER_MIME } from '../../emulator/services/drive';
import type { PersonChangeResult, PersonExport, PersonLookupResult } from '../../src/api';
import { signLink } from '../../src/domain/web-links';
import { WEB_APP_MESSAGES } from '../../src/domain/web-page';
import { putRows } from '../support/workshop-rows';
import { createWebAppWorld, pageText, signedLink, tokenOf, type WebAppWorld } from '../support/webapp-world';

const DNI = '40000012';
const EMAIL = 'rosa.quispe@correo.pe';
const NAME = 'Rosa Quispe Ñahui';
const OLD_NAME = 'Rosa Qispe';
const VALID = 'CERT-7K2M-Q9XD-4TRB-H0ZP';
const REPLACED = 'CERT-AAAA-BBBB-CCCC-DDDD';
const REVOKED = 'CERT-EEEE-FFFF-GGGG-HHHH';
const OTHERS = 'CERT-WWWW-XXXX-YYYY-ZZZZ';
const REASON = 'Asistencia mal registrada, revisado por la coordinadora';
const FAR = new Date('2056-11-27T00:00:00Z');
const COLLEAGUE = 'luis.consultor@trabajo.gob.pe';

describe('web app: certificate verification, and the certificates under Ley 29733', () => {
  let w: WebAppWorld;
  let pdfId = '';
  let oldPdfId = '';
  const open = (url: string) => w.ws.openWebApp(url, { user: null });
  const post = (token: string) => w.ws.openWebApp(w.url, { method: 'POST', user: null, body: `t=${encodeURIComponent(token)}` });
  const verify = (code: string) => open(signedLink(w, 'verificar', code, FAR));
  const used = () => w.ws.readTab(w.talleres, 'Enlaces usados');
  const certificate = (code: string) => w.ws.readTab(w.talleres, 'Certificados').find((r) => r['Código'] === code)!;
  const call = <T>(fn: string, args: unknown[]): T => {
    const r = w.ws.callFromSidebar(w.talleres, fn, args);
    if (!r.ok) throw new Error(`${fn}: ${r.error}`);
    return r.value as T;
  };

  beforeAll(() => {
    w = createWebAppWorld('2026-12-20T09:00');
    const store = driveStore(w.ws.state);
    const folder = store.add({ kind: 'folder', name: 'Aprende a Emprender I [MOD-2026-01]', mimeType: FOLDER_MIME, parents: [store.root(w.user).id], owner: w.user });
    const pdf = (name: string, owner: string) => store.add({ kind: 'file', name, mimeType: 'application/pdf', parents: [folder.id], owner, bytes: new TextEncoder().encode('%PDF-1.4 certificado') }).id;
    pdfId = pdf(`Certificado - ${NAME} - ${VALID}.pdf`, w.user);
    // The first one was issued by a colleague: only its owner may trash it.
    oldPdfId = pdf(`Certificado - ${OLD_NAME} - ${REPLACED}.pdf`, COLLEAGUE);
    putRows(w.ws, w.talleres, 'Módulos', [
      { 'ID de módulo': 'MOD-2026-01', Módulo: 'Aprende a Emprender I', Estado: 'Cerrado', 'Carpeta del módulo': `https://drive.google.com/drive/folders/${folder.id}` },
    ]);
    putRows(w.ws, w.talleres, 'Inscripciones', [
      { 'ID de inscripción': 'INS-000101', 'ID de módulo': 'MOD-2026-01', 'Tipo doc.': 'DNI', DNI, 'Nombres y apellidos': NAME, Correo: EMAIL, Estado: 'Inscrito', Certificado: 'enviado', 'Código de certificado': VALID },
      { 'ID de inscripción': 'INS-000102', 'ID de módulo': 'MOD-2026-01', 'Tipo doc.': 'DNI', DNI: '40000099', 'Nombres y apellidos': 'Luis Rojas', Correo: 'luis@correo.pe', Estado: 'Inscrito' },
    ]);
    const base = { 'ID de módulo': 'MOD-2026-01', Módulo: 'Aprende a Emprender I', Fechas: '2, 9, 16 y 23 de diciembre de 2026', Horas: 12, 'Sesiones asistidas': 4 };
    putRows(w.ws, w.talleres, 'Certificados', [
      { ...base, Código: REPLACED, 'ID de inscripción': 'INS-000101', 'Nombre en el certificado': OLD_NAME, Estado: 'Reemplazado', 'Reemplazado por': VALID, 'ID del PDF': oldPdfId, PDF: `https://drive.google.com/file/d/${oldPdfId}/view`, Envío: 'enviado' },
      { ...base, Código: VALID, 'ID de inscripción': 'INS-000101', 'Nombre en el certificado': NAME, Estado: 'Vigente', 'ID del PDF': pdfId, PDF: `https://drive.google.com/file/d/${pdfId}/view`, Envío: 'enviado' },
      { ...base, Código: REVOKED, 'ID de inscripción': 'INS-000102', 'Nombre en el certificado': 'Luis Rojas', Estado: 'Revocado', 'Motivo de revocación': REASON },
      { ...base, Código: OTHERS, 'ID de inscripción': 'INS-000102', 'Nombre en el certificado': 'Luis Rojas', Estado: 'Vigente' },
    ]);
  });

  test('valid: the name, module and dates only; GET twice answers the same and the link is not recorded as used', () => {
    const first = verify(VALID);
    expect(first).toMatchObject({ status: 200, title: 'Certificado válido' });
    const text = pageText(first.body);
    expect(text).toContain(`Otorgado a: ${NAME}`);
    expect(text).toContain('Taller: «Aprende a Emprender I»');
    expect(text).toContain('Fechas: 2, 9, 16 y 23 de diciembre de 2026');
    for (const never of [DNI, EMAIL, 'INS-000101', pdfId]) expect(first.body).not.toContain(never);
    expect(first.body).not.toContain('<form');
    expect(verify(VALID).body).toBe(first.body);
    expect(used()).toEqual([]);
  });

  test('a POST of the token (no page offers one) answers the same and does not spend the link either', () => {
    const link = signedLink(w, 'verificar', VALID, FAR);
    expect(pageText(post(tokenOf(link)).body)).toContain('Certificado válido');
    expect(used()).toEqual([]);
    expect(open(link).title).toBe('Certificado válido');
  });

  test('replaced (without the new code), revoked (without the reason), unknown', () => {
    const replaced = verify(REPLACED);
    expect(replaced.title).toBe('Certificado reemplazado');
    expect(pageText(replaced.body)).toContain(`Otorgado a: ${OLD_NAME}`);
    expect(replaced.body).not.toContain(VALID);
    const revoked = verify(REVOKED);
    expect(revoked.title).toBe('Certificado revocado');
    expect(revoked.body).not.toContain('coordinadora');
    expect(revoked.body).not.toContain('Asistencia mal');
    expect(verify('CERT-0000-0000-0000-0000').title).toBe('No encontramos este certificado');
  });

  test('a forged or altered token: the router\'s "not valid" page; HTML, formula or a huge token in t as well', () => {
    const forged = signLink('otro-secreto-cualquiera', { action: 'verificar', subject: VALID, expiresAt: FAR });
    const t = tokenOf(signedLink(w, 'verificar', VALID, FAR));
    const pages = [forged, `${t}x`, '<script>alert(1)</script>', `=HYPERLINK("http://evil.example")`, VALID, 'A'.repeat(5000)].map((x) => open(`${w.url}?t=${encodeURIComponent(x)}`));
    for (const p of pages) expect(p.title).toBe(WEB_APP_MESSAGES.invalidTitle);
    expect(new Set(pages.map((p) => p.body)).size).toBe(1);
    expect(pages[2].body).not.toContain('<script>');
  });

  test('a code typed on the page (?codigo=): the same answers, audited by the code; hostile text gets the form back', () => {
    const form = open(`${w.url}?codigo=`);
    expect(form.title).toBe('Verificar un certificado');
    expect(form.body).toContain('<form method="get"');
    expect(form.body).toContain('name="codigo"');
    const typed = open(`${w.url}?codigo=${encodeURIComponent(' cert 7k2m q9xd 4trb h0zp ')}`);
    expect(typed.title).toBe('Certificado válido');
    expect(pageText(typed.body)).toContain(`Otorgado a: ${NAME}`);
    for (const never of [DNI, EMAIL]) expect(typed.body).not.toContain(never);
    expect(open(`${w.url}?codigo=CERT-0000-0000-0000-0000`).title).toBe('No encontramos este certificado');
    for (const hostile of ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil.example")', 'CERT-7K2M-Q9XD', 'Z'.repeat(3000)]) {
      const page = open(`${w.url}?codigo=${encodeURIComponent(hostile)}`);
      expect(page.title).toBe('Revise el código');
      expect(page.body).not.toContain('onerror');
      expect(page.body).not.toContain('HYPERLINK');
    }
    // A token wins over a typed code; nothing was spent.
    expect(open(`${signedLink(w, 'verificar', REPLACED, FAR)}&codigo=${VALID}`).title).toBe('Certificado reemplazado');
    expect(used()).toEqual([]);
    const lines = w.ws.readTab(w.talleres, 'Registro de auditoría').filter((r) => r['Acción'] === 'Verificación de certificado por código');
    expect(lines.map((r) => r['Para'])).toEqual([VALID, 'CERT-0000-0000-0000-0000', '', '', '', '']);
  });

  test('the export lists her certificates with code, module, state, PDF link; a name correction says a reissue is needed', () => {
    const found = call<PersonLookupResult>('findPersonData', [DNI]);
    const certs = found.records.filter((r) => r.source === 'Certificados');
    expect(certs.map((r) => r.id).sort()).toEqual([REPLACED, VALID].sort());
    expect(found.notes.join(' ')).toMatch(/2 certificados a su nombre/);
    const exported = call<PersonExport>('exportPersonData', [DNI]);
    expect(exported.csv).toContain(`Certificados,${VALID},Código,${VALID}`);
    expect(exported.csv).toContain(`Certificados,${VALID},Estado,Vigente`);
    expect(exported.csv).toContain(`Certificados,${VALID},Módulo,Aprende a Emprender I`);
    expect(exported.csv).toContain(`Certificados,${VALID},PDF,https://drive.google.com/file/d/${pdfId}/view`);
    expect(exported.csv).toContain(`Certificados,${VALID},Envío,enviado`);
    expect(exported.csv).not.toContain(OTHERS);

    const corrected = call<PersonChangeResult>('correctPersonData', [DNI, { fullName: 'Rosa Quispe Ñahui de Torres' }]);
    expect(corrected.ok).toBe(true);
    expect(corrected.message).toContain(`El certificado ${VALID} ya emitido conserva el nombre anterior`);
    expect(certificate(VALID)['Nombre en el certificado']).toBe(NAME); // issued certificates are never rewritten
  });

  test('deletion: the PDFs go to the trash, the names are blanked, the codes revoked; the page answers «revocado» without naming her', () => {
    const r = call<PersonChangeResult>('deletePersonData', [DNI, DNI]);
    expect(r.ok).toBe(true);
    expect(r.message).toMatch(/2 certificados quedaron revocados y sin nombre; 1 PDF se envió a la papelera de Drive; 1 PDF se quitó de la carpeta del módulo, pero su propietario\(a\) en Drive debe buscarlo\(s\) por el código \(CERT-AAAA-BBBB-CCCC-DDDD\) y enviarlo\(s\) a la papelera/);
    const files = w.ws.driveFiles();
    expect(files.find((f) => f.id === pdfId)!.trashed).toBe(true);
    // The colleague's PDF is out of the module's folder (the message asks its owner to trash it).
    expect(files.find((f) => f.id === oldPdfId)).toMatchObject({ trashed: false, parents: [] });
    for (const code of [VALID, REPLACED]) {
      expect(certificate(code)).toMatchObject({ 'Nombre en el certificado': '', Estado: 'Revocado', 'Motivo de revocación': 'Supresión de datos personales', 'ID del PDF': '', PDF: '', Módulo: 'Aprende a Emprender I' });
      expect(certificate(code)['Revocado']).toBeInstanceOf(Date);
    }
    // Luis's certificates are untouched.
    expect(certificate(OTHERS)).toMatchObject({ 'Nombre en el certificado': 'Luis Rojas', Estado: 'Vigente' });
    expect(certificate(REVOKED)).toMatchObject({ 'Motivo de revocación': REASON });

    for (const code of [VALID, REPLACED]) {
      const page = verify(code);
      expect(page.title).toBe('Certificado revocado');
      expect(page.body).not.toMatch(/Rosa|Quispe|Qispe|Ñahui|Otorgado a/);
      expect(page.body).not.toContain('Supresión');
      expect(pageText(page.body)).toContain('Aprende a Emprender I');
    }
    expect(used()).toEqual([]);
    // Nothing of her is left in "Talleres" (the audit lines of the verifications name only the code).
    for (const name of w.ws.sheetNames(w.talleres)) {
      const text = JSON.stringify(w.ws.values(w.talleres, name));
      for (const needle of [DNI, EMAIL, 'Ñahui', OLD_NAME]) expect({ tab: name, needle, found: text.includes(needle) }).toEqual({ tab: name, needle, found: false });
    }
  });

  test('deleting again finds nothing and changes nothing', () => {
    const before = JSON.stringify(w.ws.values(w.talleres, 'Certificados'));
    expect(call<PersonChangeResult>('deletePersonData', [DNI, DNI])).toMatchObject({ ok: true, changed: 0 });
    expect(JSON.stringify(w.ws.values(w.talleres, 'Certificados'))).toBe(before);
  });
});
