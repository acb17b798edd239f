/**
 * B12 certificates in the emulator with the built bundle (issue 13, items 2–4): setup made the
 * Slides template; the panel's view; a preview (a real PDF, not issued, not sent); issuing as a
 * job (continuation triggers) — each person once, the PDF readable with the right name and code,
 * attached to one email; a second run sends nothing; the quota running out and the next day
 * going on; reissue and revoke; a redesigned template without a required placeholder refused.
 */
import type { CertificateActionResult, CertificatesView } from '../../src/api';
import { driveStore } from '../../emulator/services/drive/store';
import { pdfText } from '../../emulator/services/pdf/pdf-text';
import { savedPresentation } from '../../emulator/services/slides/doc';
import type { PresentationData } from '../../emulator/services/slides/model';
import { createFinishedModule, tabRows, type FinishedModuleWorld } from '../support/finished-module';

function call<T>(w: FinishedModuleWorld, fn: string, ...args: unknown[]): T {
  const r = w.ws.callFromSidebar(w.talleres, fn, args);
  if (!r.ok) throw new Error(`${fn}: ${r.error}`);
  return r.value as T;
}

const certs = (w: FinishedModuleWorld) => tabRows(w.ws, w.talleres, 'Certificados');
const certificateMails = (w: FinishedModuleWorld) => w.ws.outbox().filter((m) => /Su certificado del taller/.test(m.subject));
const pdfOf = (w: FinishedModuleWorld, id: string) => pdfText(w.ws.driveFile(id).bytes).join('\n');
const livePdfs = (w: FinishedModuleWorld, prefix: string) => w.ws.driveFiles().filter((f) => !f.trashed && f.mimeType === 'application/pdf' && f.name.startsWith(prefix));
const fileIdOf = (url: string) => /\/d\/([^/]+)/.exec(url)?.[1] ?? '';

/** Lets the job's continuations fire until it has nothing left (or waits for quota). */
function runJob(w: FinishedModuleWorld, minutes = 30): void {
  w.ws.advanceBy(minutes * 60_000);
}

describe('certificates of a finished module', () => {
  let w: FinishedModuleWorld;
  beforeAll(() => {
    w = createFinishedModule();
  });

  test('setup made the template in Slides and the view checks it', () => {
    const settings = tabRows(w.ws, w.talleres, 'Configuración');
    const id = String(settings.find((r) => r['Parámetro'] === 'Plantilla de certificado (ID)')?.['Valor'] ?? '');
    expect(id).not.toBe('');
    expect(w.ws.driveFiles().find((f) => f.id === id)?.mimeType).toBe('application/vnd.google-apps.presentation');
    const v = call<CertificatesView>(w, 'getCertificatesView', w.moduleId);
    expect(v.ok).toBe(true);
    expect(v.template).toMatchObject({ ok: true, missingRequired: [] });
    expect(v.blocked).toBe('');
    expect(v.progress).toMatchObject({ eligible: w.eligible.length, issued: 0, toIssue: w.eligible.length });
    expect(v.people.filter((p) => p.meetsRule).map((p) => p.registrationId).sort()).toEqual([...w.eligible].sort());
  });

  test('a preview is a real PDF named «Vista previa» with the participant\'s name; nothing issued or sent', () => {
    const r = call<CertificateActionResult>(w, 'previewCertificate', w.moduleId, 'INS-0002');
    expect(r.ok).toBe(true);
    const previews = livePdfs(w, 'Vista previa - ');
    expect(previews).toHaveLength(1);
    const text = pdfOf(w, previews[0]!.id);
    expect(text).toContain("María José D'Ángelo Ñahui");
    expect(text).toContain('CERT-0000-0000-0000-0000');
    expect(certs(w)).toHaveLength(0);
    expect(certificateMails(w)).toHaveLength(0);
  });

  test('issuing: one certificate, one PDF and one email per person who meets the rule; a second run sends nothing', () => {
    const r = call<CertificateActionResult>(w, 'issueCertificates', w.moduleId);
    expect(r.ok).toBe(true);
    runJob(w);
    const rows = certs(w);
    expect(rows.map((c) => c['ID de inscripción']).sort()).toEqual([...w.eligible].sort());
    expect(new Set(rows.map((c) => c['Código'])).size).toBe(rows.length);
    const mails = certificateMails(w);
    const withEmail = w.people.filter((p) => w.eligible.includes(p.id) && /@gmail\.com$/.test(p.email));
    expect(mails.map((m) => m.to[0]).sort()).toEqual(withEmail.map((p) => p.email).sort());
    for (const m of mails) {
      expect(m.attachments).toHaveLength(1);
      expect(m.attachments[0]!.contentType).toBe('application/pdf');
    }
    // Each PDF opens and shows the right name and code.
    for (const c of rows) {
      const person = w.people.find((p) => p.id === c['ID de inscripción'])!;
      const text = pdfOf(w, fileIdOf(String(c['PDF'])));
      expect(text).toContain(String(c['Código']));
      expect(text.replace(/\s+/g, ' ')).toContain(person.fullName.slice(0, 30));
    }
    // The person without a valid email: PDF kept, 'error', listed for review.
    const pedro = rows.find((c) => c['ID de inscripción'] === 'INS-0005')!;
    expect(pedro['Envío']).toBe('error');
    expect(tabRows(w.ws, w.talleres, 'Revisión').some((x) => x['Referencia'] === pedro['Código'])).toBe(true);
    expect(livePdfs(w, 'Certificado - ')).toHaveLength(w.eligible.length);
    const v = call<CertificatesView>(w, 'getCertificatesView', w.moduleId);
    expect(v.progress).toMatchObject({ issued: withEmail.length, toIssue: 0, waitingForQuota: 0, errors: 1 });
    // Again: nothing to issue, nothing sent, no trigger left.
    const again = call<CertificateActionResult>(w, 'issueCertificates', w.moduleId);
    expect(again.message).toMatch(/No hay certificados por emitir/);
    runJob(w);
    expect(certificateMails(w)).toHaveLength(mails.length);
    expect(livePdfs(w, 'Certificado - ')).toHaveLength(w.eligible.length);
  });

  test('reissue with a corrected name, then revoke: states, PDFs and emails as the coordinator expects', () => {
    const old = certs(w).find((c) => c['ID de inscripción'] === 'INS-0004')!;
    const r = call<CertificateActionResult>(w, 'reissueCertificate', String(old['Código']), 'Lucía Torres Salas');
    expect(r.ok).toBe(true);
    const rows = certs(w);
    expect(rows.find((c) => c['Código'] === old['Código'])).toMatchObject({ Estado: 'Reemplazado', 'Reemplazado por': r.code });
    const fresh = rows.find((c) => c['Código'] === r.code)!;
    expect(fresh).toMatchObject({ Estado: 'Vigente', 'Nombre en el certificado': 'Lucía Torres Salas', Envío: 'enviado' });
    expect(pdfOf(w, fileIdOf(String(fresh['PDF'])))).toContain('Lucía Torres Salas');
    expect(w.ws.driveFiles().find((f) => f.id === fileIdOf(String(old['PDF'])))!.trashed).toBe(true);
    expect(certificateMails(w).filter((m) => m.to[0] === 'lucia.torres@gmail.com')).toHaveLength(2);

    const revoke = call<CertificateActionResult>(w, 'revokeCertificate', r.code, 'Emitido por error');
    expect(revoke.ok).toBe(true);
    expect(certs(w).find((c) => c['Código'] === r.code)).toMatchObject({ Estado: 'Revocado', 'Motivo de revocación': 'Emitido por error' });
    expect(w.ws.driveFiles().find((f) => f.id === fileIdOf(String(fresh['PDF'])))!.trashed).toBe(true);
    // The job never reissues a revoked one.
    expect(call<CertificateActionResult>(w, 'issueCertificates', w.moduleId).message).toMatch(/No hay certificados por emitir/);
  });

  test('a stranger and a consultant who is not a coordinator cannot reissue or revoke', () => {
    const code = String(certs(w).find((c) => c['Estado'] === 'Vigente')!['Código']);
    for (const fn of ['reissueCertificate', 'revokeCertificate']) {
      const r = w.ws.callFromSidebar(w.talleres, fn, [code, 'Nombre Cualquiera'], 'extrano@gmail.com');
      expect(r.ok).toBe(false);
    }
  });
});

describe('the quota runs out halfway', () => {
  test('the rest waits (the panel says so) and goes out the next day; nobody twice', () => {
    const w = createFinishedModule();
    // 20 stay for the attention flow: 22 leaves two certificate emails today.
    const sentBefore = w.ws.outbox().length;
    w.ws.setQuota('emailRecipients', 22 + sentBefore);
    call<CertificateActionResult>(w, 'issueCertificates', w.moduleId);
    runJob(w);
    expect(certificateMails(w)).toHaveLength(2);
    const v = call<CertificatesView>(w, 'getCertificatesView', w.moduleId);
    expect(v.progress.issued).toBe(2);
    expect(v.progress.waitingForQuota).toBeGreaterThan(0);
    expect(v.waitingUntil).not.toBe('');
    // It goes on the next day after the attention flow's reminder run (evening).
    w.ws.advanceBy(40 * 3_600_000);
    const mails = certificateMails(w);
    expect(mails).toHaveLength(4);
    expect(new Set(mails.map((m) => m.to[0])).size).toBe(4);
    expect(call<CertificatesView>(w, 'getCertificatesView', w.moduleId).progress).toMatchObject({ issued: 4, toIssue: 0, waitingForQuota: 0 });
  });
});

describe('a redesigned template', () => {
  test('without {{codigo}} it is refused, naming the placeholder; nothing is made', () => {
    const w = createFinishedModule();
    const settings = tabRows(w.ws, w.talleres, 'Configuración');
    const id = String(settings.find((r) => r['Parámetro'] === 'Plantilla de certificado (ID)')?.['Valor']);
    const doc = savedPresentation(driveStore(w.ws.state).get(id)!, null) as PresentationData;
    for (const s of doc.slides) for (const e of s.elements as { text?: string }[]) if (typeof e.text === 'string') e.text = e.text.replace('{{codigo}}', 'código');
    const v = call<CertificatesView>(w, 'getCertificatesView', w.moduleId);
    expect(v.template.missingRequired).toEqual(['{{codigo}}']);
    expect(v.blocked).toContain('{{codigo}}');
    const r = call<CertificateActionResult>(w, 'issueCertificates', w.moduleId);
    expect(r.ok).toBe(false);
    expect(r.message).toContain('{{codigo}}');
    expect(call<CertificateActionResult>(w, 'previewCertificate', w.moduleId).ok).toBe(false);
    expect(livePdfs(w, '')).toHaveLength(0);
  });
});

describe('a module of 60 participants, 48 meeting the rule (issue 13, done when)', () => {
  test('48 certificates across several executions with realistic latency and a quota that runs out once; each PDF shows its name', () => {
    const FIRST = ['Ana', 'Rosa', 'Jorge', 'Lucía', 'Pedro', 'Ñusta', 'Raúl', 'Elena', 'Hugo', 'Sofía'];
    const LAST = ['Quispe', 'Mamani', 'Huamán', 'Flores', 'Rojas', 'Vílchez', 'Condori', 'Salas', 'Paredes', 'Ríos'];
    const people = Array.from({ length: 60 }, (_, i) => ({
      id: `INS-${String(i + 1).padStart(4, '0')}`,
      fullName: `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]} ${LAST[(i + 3) % 10]}`,
      dni: String(41_000_000 + i),
      email: `participante.${String(i + 1).padStart(3, '0')}@gmail.com`,
      status: 'Inscrito',
      // 48 attend 3 or 4 sessions, 12 attend 1 or 2.
      attended: i % 5 === 4 ? 1 + (i % 2) : 3 + (i % 2),
    }));
    const w = createFinishedModule({ people });
    expect(w.eligible).toHaveLength(48);
    // Today's quota leaves 30 certificate emails after the attention flow's reserve of 20.
    w.ws.setQuota('emailRecipients', 50 + w.ws.outbox().length);
    call<CertificateActionResult>(w, 'issueCertificates', w.moduleId);
    runJob(w, 120);
    const today = certificateMails(w).length;
    expect(today).toBe(30);
    w.ws.advanceBy(40 * 3_600_000);
    const mails = certificateMails(w);
    expect(mails).toHaveLength(48);
    expect(new Set(mails.map((m) => m.to[0])).size).toBe(48);
    const rows = certs(w);
    expect(rows).toHaveLength(48);
    // Several executions, each within Apps Script's 6 minutes (the job stops itself at 4.5).
    const runs = w.ws.executions({ functionName: 'runCertificates' }).filter((e) => e.modeledMs > 10_000);
    console.log(`runCertificates: ${runs.length} working executions, modeled s: ${runs.map((e) => Math.round(e.modeledMs / 1000)).join(', ')}`);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    for (const e of runs) expect(e.modeledMs).toBeLessThan(360_000);
    for (const c of rows.slice(0, 6)) {
      const person = people.find((p) => p.id === c['ID de inscripción'])!;
      expect(pdfOf(w, fileIdOf(String(c['PDF']))).replace(/\s+/g, ' ')).toContain(person.fullName);
    }
    expect(livePdfs(w, 'Certificado - ')).toHaveLength(48);
    expect(w.ws.triggers(w.talleres).filter((t) => t.handler === 'runCertificates')).toHaveLength(0);
  }, 300_000);
});
