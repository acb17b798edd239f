/**
 * B12 end to end, as the pieces meet on the built bundle (each piece has its own scenario): a
 * finished module's certificates are issued; the verification link in a citizen's email opens the
 * web app's page that names her, the module and its dates and nothing else; the PDF carries the
 * QR image; a reissue makes the old link answer «reemplazado»; a revocation «revocado»; the
 * consolidation and the report count the certificates still valid; a Ley 29733 deletion makes her
 * link answer «revocado» without her name, and the consolidated tabs stop naming her.
 */
import type { CertificateActionResult } from '../../src/app/workshops/certificates';
import type { ConsolidationResult, ReportSendResult } from '../../src/api';
import { pdfText } from '../../emulator/services/pdf/pdf-text';
import { setSetting } from '../support/attention-world';
import { createFinishedModule, tabRows, type FinishedModuleWorld } from '../support/finished-module';
import { pageText } from '../support/webapp-world';

const DIRECTION = 'direccion.promocion@trabajo.gob.pe';

describe('B12 journey: certificates, their verification, the consolidation and the report', () => {
  let w: FinishedModuleWorld;
  const call = <T>(fn: string, ...args: unknown[]): T => {
    const r = w.ws.callFromSidebar(w.talleres, fn, args);
    if (!r.ok) throw new Error(`${fn}: ${r.error}`);
    return r.value as T;
  };
  const certificates = () => tabRows(w.ws, w.talleres, 'Certificados');
  const of = (registrationId: string) => certificates().filter((c) => c['ID de inscripción'] === registrationId);
  /** The verification address the citizen's email carries. */
  const linkIn = (to: string): string => {
    const mail = w.ws.outbox().filter((m) => m.to.includes(to) && /Su certificado/.test(m.subject)).at(-1)!;
    const m = /Verificación: (\S+)/.exec(mail.body);
    if (!m) throw new Error(`no verification link in the email to ${to}`);
    return m[1]!;
  };
  const page = (url: string) => pageText(w.ws.openWebApp(url, { user: null }).body);

  beforeAll(() => {
    w = createFinishedModule();
    setSetting(w.ws, w.talleres, 'Correo de la Dirección (banners)', DIRECTION);
    expect(call<CertificateActionResult>('issueCertificates', w.moduleId).ok).toBe(true);
    w.ws.advanceBy(30 * 60_000);
  });

  test('the link in Ana\'s email opens a page that says valid, with her name, the module and its dates only', () => {
    const ana = w.people.find((p) => p.id === 'INS-0001')!;
    const text = page(linkIn(ana.email));
    expect(text).toContain('Certificado válido');
    expect(text).toContain(ana.fullName);
    expect(text).toContain('Aprende a Emprender – I 2027');
    expect(text).not.toContain(ana.dni);
    expect(text).not.toContain(ana.email);
    // Opened again (a scanner, the employer): the same answer; a verification link is never spent.
    expect(page(linkIn(ana.email))).toContain('Certificado válido');
    expect(tabRows(w.ws, w.talleres, 'Enlaces usados')).toHaveLength(0);
    // Her PDF shows her name and code, and carries the QR as an image.
    const [cert] = of('INS-0001');
    const id = /\/d\/([^/]+)/.exec(String(cert!['PDF']))![1]!;
    const bytes = w.ws.driveFile(id).bytes;
    expect(pdfText(bytes).join(' ')).toContain(String(cert!['Código']));
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
  });

  test('a reissue makes the old link answer «reemplazado»; the new one is valid with the corrected name; a revocation answers «revocado»', () => {
    const lucia = w.people.find((p) => p.id === 'INS-0004')!;
    const oldLink = linkIn(lucia.email);
    const [old] = of('INS-0004');
    expect(call<CertificateActionResult>('reissueCertificate', old!['Código'], 'Lucía Torres Salas').ok).toBe(true);
    w.ws.advanceBy(30 * 60_000);
    expect(page(oldLink)).toContain('Certificado reemplazado');
    const newLink = linkIn(lucia.email);
    expect(newLink).not.toBe(oldLink);
    const fresh = page(newLink);
    expect(fresh).toContain('Certificado válido');
    expect(fresh).toContain('Lucía Torres Salas');
    const current = of('INS-0004').find((c) => c['Estado'] === 'Vigente')!;
    expect(call<CertificateActionResult>('revokeCertificate', current['Código'], 'Emitido por error: no cumplía la asistencia').ok).toBe(true);
    const revoked = page(newLink);
    expect(revoked).toContain('Certificado revocado');
    expect(revoked).not.toContain('Emitido por error');
  });

  test('the consolidation and the report count the certificates still valid', () => {
    const valid = certificates().filter((c) => c['Estado'] === 'Vigente').length;
    expect(valid).toBe(w.eligible.length - 1);
    expect(call<ConsolidationResult>('consolidateModule', w.moduleId).ok).toBe(true);
    const sent = call<ReportSendResult>('sendModuleReport', w.moduleId, false);
    expect(sent.ok).toBe(true);
    const mail = w.ws.outbox().filter((m) => m.to.includes(DIRECTION)).at(-1)!;
    expect(mail.attachments).toHaveLength(1);
    const report = w.ws.driveFiles().find((f) => !f.trashed && f.name.startsWith('Informe a la Dirección'))!;
    const text = pdfText(w.ws.driveFile(report.id).bytes).join(' ').replace(/\s+/g, ' ');
    expect(text).toMatch(new RegExp(`Certificados (emitidos|vigentes)[^0-9]{0,40}${valid}\\b`));
  });

  test('a deletion under Ley 29733: her link answers «revocado» without her name; the consolidation no longer names her', () => {
    const maria = w.people.find((p) => p.id === 'INS-0002')!;
    const link = linkIn(maria.email);
    const tab = w.ws.sheetNames(w.talleres).find((n) => n.startsWith('Asistencia consolidada'))!;
    expect(w.ws.values(w.talleres, tab).some((r) => r.includes(maria.fullName))).toBe(true);
    const r = call<{ ok: boolean; message: string }>('deletePersonData', maria.dni, maria.dni);
    expect(r.ok).toBe(true);
    const text = page(link);
    expect(text).toContain('Certificado revocado');
    expect(text).not.toContain('María José');
    expect(w.ws.values(w.talleres, tab).some((row) => row.includes(maria.fullName))).toBe(false);
  });
});
