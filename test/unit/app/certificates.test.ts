/**
 * B12 issuing certificates at the app level (memory ports, a fake Drive and Slides): the job
 * issues each person once across runs and days, reissue and revoke, the preview, a template
 * missing a placeholder refused, and a crash at every external call never gives a person two
 * PDFs, two codes or two emails.
 */
import {
  CERTIFICATES_HANDLER,
  certificatesView,
  issueCertificates,
  previewCertificate,
  reissueCertificate,
  revokeCertificate,
  runCertificates,
  WAITING_PROPERTY,
  type CertificateDeps,
} from '../../../src/app/workshops/certificates';
import { runSetup } from '../../../src/app/setup';
import { limaDate } from '../../../src/domain/lima-time';
import { ATTENDANCE_TAB, CERTIFICATES_TAB, MODULES_TAB, REGISTRATIONS_TAB, REVIEW_TAB, SESSIONS_TAB, SETTINGS_TAB } from '../../../src/domain/schema';
import type { OutgoingMail } from '../../../src/ports';
import { FakeDrive, FakeSlides, FULL_TEMPLATE_TEXT } from '../../support/certificate-fakes';
import { ArrayAuditLog, FixedClock, FixedSession, MemoryScheduler, MemoryStore, MemoryWorkbook, MemoryWorkbooks, NoLock, registerTeam } from '../../support/memory-ports';

const BOOK = 'talleres-book-0000000001';
const COORD = 'coordinadora@example.org';
const WEBAPP = 'https://script.google.com/macros/s/AKfycbTESTDEPLOYMENT01/exec';
const MODULE = 'MOD-2027-I';

class Mailer {
  sent: OutgoingMail[] = [];
  quota = 500;
  failNext: Error | null = null;
  send(m: OutgoingMail): void {
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    if (this.quota <= 0) throw new Error('Service invoked too many times for one day: email.');
    this.sent.push(m);
    this.quota--;
  }
  remainingDailyQuota(): number {
    return this.quota;
  }
}

export interface Person {
  id: string;
  name: string;
  email: string;
  status?: string;
  attended: number;
}

/** 10 registrants of a 4-session module that ended; rule: 3 sessions. */
export const PEOPLE: Person[] = [
  { id: 'R01', name: 'Ana Quispe Huamán', email: 'ana@example.org', attended: 4 },
  { id: 'R02', name: "María José D'Ángelo Ñahui", email: 'maria@example.org', attended: 3 },
  { id: 'R03', name: 'José Pérez', email: 'jose@example.org', attended: 2 },
  { id: 'R04', name: 'Lucía <b>Torres</b>', email: 'lucia@example.org', attended: 4 },
  { id: 'R05', name: 'Pedro Sin Correo', email: 'no-es-un-correo', attended: 3 },
  { id: 'R06', name: 'Rosa Retirada', email: 'rosa@example.org', status: 'Retirado', attended: 4 },
  { id: 'R07', name: 'Carlos Espera', email: 'carlos@example.org', status: 'En lista de espera', attended: 0 },
  { id: 'R08', name: 'Elena Vargas', email: 'elena@example.org', attended: 3 },
  { id: 'R09', name: 'Miguel Ángel Castañeda', email: 'miguel@example.org', attended: 1 },
  { id: 'R10', name: 'Sofía Ramos', email: 'sofia@example.org', attended: 4 },
];
/** Who meets the rule (Inscrito and ≥ 3 sessions). */
const ELIGIBLE = ['R01', 'R02', 'R04', 'R05', 'R08', 'R10'];
const WITH_EMAIL = ELIGIBLE.filter((id) => id !== 'R05');

function world(opts: { template?: string; quota?: number } = {}) {
  const workbooks = new MemoryWorkbooks(BOOK);
  const book = workbooks.add(new MemoryWorkbook(BOOK, 'Programación Talleres Masivos'));
  const properties = new MemoryStore();
  const clock = new FixedClock(limaDate(2027, 3, 1, 10, 0));
  const audit = new ArrayAuditLog();
  const scheduler = new MemoryScheduler(COORD);
  const session = new FixedSession(COORD);
  const lock = new NoLock();
  runSetup({ workbooks, properties, scheduler, lock, clock, session, audit }, { role: 'talleres' });
  registerTeam(properties, [{ email: COORD, name: 'Coordinadora', roles: ['coordinador'] }]);
  const drive = new FakeDrive();
  const slides = new FakeSlides(drive);
  const template = slides.createTemplate(drive.folders[0]!.id, 'Plantilla de certificado');
  if (opts.template !== undefined) slides.templates.set(template.id, opts.template);
  book.table(SETTINGS_TAB).update([
    { id: 'Enlace de la aplicación web', fields: { value: WEBAPP } },
    { id: 'Plantilla de certificado (ID)', fields: { value: template.id } },
  ]);
  book.table(MODULES_TAB).append([{ id: MODULE, name: 'Aprende a Emprender', year: 2027, quarter: 'I', status: 'En curso', minSessions: 3 }]);
  const sessions = [1, 2, 3, 4].map((n) => ({ id: `${MODULE}-S${n}`, moduleId: MODULE, number: n, start: limaDate(2027, 1, 4 + 7 * n, 15), end: limaDate(2027, 1, 4 + 7 * n, 17), status: 'Realizada' }));
  book.table(SESSIONS_TAB).append(sessions);
  book.table(REGISTRATIONS_TAB).append(PEOPLE.map((p) => ({ id: p.id, moduleId: MODULE, fullName: p.name, documentType: 'DNI', dni: `4000${p.id.slice(1)}00`, email: p.email, status: p.status ?? 'Inscrito' })));
  book.table(ATTENDANCE_TAB).append(
    PEOPLE.flatMap((p) => sessions.slice(0, p.attended).map((s) => ({ id: `${s.id}#${p.id}`, sessionId: s.id, moduleId: MODULE, registrationId: p.id, present: true, source: 'Manual' }))),
  );
  const mailer = new Mailer();
  if (opts.quota !== undefined) mailer.quota = opts.quota;
  const deps: CertificateDeps = { workbooks, properties, scheduler, lock, clock, session, mailer, audit, webApp: null, drive, slides };
  const newExecution = () => book.newExecution();
  const rows = (tab: typeof CERTIFICATES_TAB | typeof REGISTRATIONS_TAB | typeof REVIEW_TAB) => {
    newExecution();
    return book.table(tab).read().rows.filter((r) => r.id !== '').map((r) => ({ ...r.record, id: r.id }) as Record<string, unknown>);
  };
  /** Runs the job's trigger until it has nothing left now (continuations fire). */
  const drain = (max = 20) => {
    for (let i = 0; i < max; i++) {
      newExecution();
      const r = runCertificates(deps);
      if (!r.continues || r.waiting) return r;
    }
    throw new Error('job never finished');
  };
  return { deps, book, drive, slides, mailer, clock, properties, scheduler, audit, template, rows, drain, newExecution };
}

describe('issuing', () => {
  test('everyone who meets the rule gets one certificate, one PDF and one email; a second run sends nothing', () => {
    const w = world();
    const before = certificatesView(w.deps, MODULE);
    expect(before.ok).toBe(true);
    expect(before.blocked).toBe('');
    expect(before.progress).toMatchObject({ eligible: 6, issued: 0, toIssue: 6 });
    const asked = issueCertificates(w.deps, MODULE);
    expect(asked.ok).toBe(true);
    expect(w.scheduler.all.some((t) => t.handler === CERTIFICATES_HANDLER)).toBe(true);
    w.drain();
    const certs = w.rows(CERTIFICATES_TAB);
    expect(certs.map((c) => c.registrationId).sort()).toEqual(ELIGIBLE);
    expect(new Set(certs.map((c) => c.id)).size).toBe(6);
    expect(certs.every((c) => c.state === 'Vigente' && /^CERT-/.test(String(c.id)))).toBe(true);
    expect(w.mailer.sent.map((m) => m.to).sort()).toEqual(WITH_EMAIL.map((id) => PEOPLE.find((p) => p.id === id)!.email).sort());
    for (const m of w.mailer.sent) expect(m.attachmentFileIds).toHaveLength(1);
    // One PDF each, the printed name the registration's, a QR on each.
    const pdfs = w.drive.live('Certificado - ');
    expect(pdfs).toHaveLength(6);
    expect(pdfs.every((f) => f.qr)).toBe(true);
    const maria = certs.find((c) => c.registrationId === 'R02')!;
    const mariaPdf = pdfs.find((f) => f.id === maria.pdfFileId)!;
    expect(mariaPdf.replacements!['{{nombre}}']).toBe("María José D'Ángelo Ñahui");
    expect(mariaPdf.replacements!['{{codigo}}']).toBe(maria.id);
    expect(mariaPdf.replacements!['{{verificacion}}']).toMatch(/^https:\/\/script\.google\.com\/macros\/s\/.+\/exec\?t=/);
    expect(mariaPdf.replacements!['{{horas}}']).toBe('8');
    // Without a valid email: PDF kept, 'error', listed for a person.
    const pedro = certs.find((c) => c.registrationId === 'R05')!;
    expect(pedro.delivery).toBe('error');
    expect(pedro.pdfUrl).not.toBe('');
    expect(w.rows(REVIEW_TAB).some((r) => r.reference === pedro.id)).toBe(true);
    const regs = w.rows(REGISTRATIONS_TAB);
    for (const c of certs) expect(regs.find((r) => r.id === c.registrationId)!.certificateCode).toBe(c.id);
    const after = certificatesView(w.deps, MODULE);
    expect(after.progress).toMatchObject({ issued: 5, toIssue: 0, errors: 1 });
    // Again: nothing.
    const again = issueCertificates(w.deps, MODULE);
    expect(again.message).toMatch(/No hay certificados por emitir/);
    w.newExecution();
    runCertificates(w.deps);
    expect(w.mailer.sent).toHaveLength(5);
    expect(w.drive.live('Certificado - ')).toHaveLength(6);
    expect(w.scheduler.all.filter((t) => t.handler === CERTIFICATES_HANDLER)).toHaveLength(0);
  });

  test('a deletion that runs while the job sends wins: the certificate is written revoked and nameless, its PDF retired', () => {
    const w = world();
    issueCertificates(w.deps, MODULE);
    // Ana asks for the deletion of her data (from the other spreadsheet, whose lease the job cannot see)
    // just as her email leaves: her registration is anonymised before the job writes its rows.
    const send = w.mailer.send.bind(w.mailer);
    w.mailer.send = (m: OutgoingMail) => {
      send(m);
      if (m.to === 'ana@example.org') w.book.table(REGISTRATIONS_TAB).update([{ id: 'R01', fields: { fullName: 'Datos eliminados (Ley 29733)', dni: '', email: '' } }]);
    };
    w.drain();
    const ana = w.rows(CERTIFICATES_TAB).find((c) => c.registrationId === 'R01')!;
    expect(ana).toMatchObject({ state: 'Revocado', fullName: '', pdfFileId: '', pdfUrl: '', revokeReason: 'Supresión de datos personales' });
    expect(w.drive.live('Certificado - ').some((f) => f.replacements?.['{{nombre}}'] === 'Ana Quispe Huamán')).toBe(false);
    // Her anonymised registration is not written back to; the others are issued as usual.
    expect(w.rows(REGISTRATIONS_TAB).find((r) => r.id === 'R01')!.certificateCode ?? '').toBe('');
    expect(w.rows(CERTIFICATES_TAB).filter((c) => c.state === 'Vigente')).toHaveLength(5);
  });

  test('the quota runs out: the rest waits, the panel says so, and the next day goes on (the attention reserve kept)', () => {
    // 20 reserved for the attention flow + 100 when the sibling cannot be read: 123 leaves 3.
    const w = world({ quota: 123 });
    issueCertificates(w.deps, MODULE);
    const r = w.drain();
    expect(r.waiting).toBeGreaterThan(0);
    expect(w.mailer.sent).toHaveLength(3);
    expect(w.properties.get(WAITING_PROPERTY)).not.toBeNull();
    const view = certificatesView(w.deps, MODULE);
    expect(view.progress.issued).toBe(3);
    // R05 (no email) was not reached either: the run stopped at the empty quota.
    expect(view.progress.waitingForQuota).toBe(3);
    expect(view.waitingUntil).not.toBe('');
    // The next day: quota again.
    w.clock.at = new Date(w.clock.at.getTime() + 86_400_000);
    w.mailer.quota = 500;
    w.drain();
    expect(w.mailer.sent).toHaveLength(5);
    expect(new Set(w.mailer.sent.map((m) => m.to)).size).toBe(5);
    expect(w.drive.live('Certificado - ')).toHaveLength(6);
    expect(certificatesView(w.deps, MODULE).progress).toMatchObject({ issued: 5, toIssue: 0, waitingForQuota: 0 });
  });

  test('a template missing a required placeholder is refused, naming it; nothing is made', () => {
    const w = world({ template: FULL_TEMPLATE_TEXT.replace('{{codigo}}', '') });
    const view = certificatesView(w.deps, MODULE);
    expect(view.template.missingRequired).toEqual(['{{codigo}}']);
    expect(view.blocked).toMatch(/\{\{codigo\}\}/);
    const r = issueCertificates(w.deps, MODULE);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/\{\{codigo\}\}/);
    expect(previewCertificate(w.deps, MODULE).ok).toBe(false);
    expect(w.slides.renders).toBe(0);
  });

  test('without a web app address nothing is issued and the panel says which setting to fill', () => {
    const w = world();
    w.book.table(SETTINGS_TAB).update([{ id: 'Enlace de la aplicación web', fields: { value: '' } }]);
    w.newExecution();
    const r = issueCertificates(w.deps, MODULE);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/Enlace de la aplicación web/);
  });

  test('before the last session ends, or without a rule, nobody is issued', () => {
    const w = world();
    w.clock.at = limaDate(2027, 1, 30, 16);
    expect(issueCertificates(w.deps, MODULE).message).toMatch(/última sesión/);
    w.clock.at = limaDate(2027, 3, 1, 10);
    w.book.table(MODULES_TAB).update([{ id: MODULE, fields: { minSessions: 0 } }]);
    w.newExecution();
    expect(issueCertificates(w.deps, MODULE).message).toMatch(/Asistencia mínima/);
  });
});

describe('preview, reissue, revoke', () => {
  test('a preview is a PDF named «Vista previa», not recorded, not sent; a second one replaces it', () => {
    const w = world();
    const p = previewCertificate(w.deps, MODULE, 'R02');
    expect(p.ok).toBe(true);
    expect(p.url).toMatch(/^https:\/\/drive\.google\.com\//);
    const previews = w.drive.live('Vista previa - ');
    expect(previews).toHaveLength(1);
    expect(previews[0]!.replacements!['{{nombre}}']).toBe("María José D'Ángelo Ñahui");
    expect(w.rows(CERTIFICATES_TAB)).toHaveLength(0);
    expect(w.mailer.sent).toHaveLength(0);
    previewCertificate(w.deps, MODULE, 'R02');
    expect(w.drive.live('Vista previa - ')).toHaveLength(1);
    // Without a chosen person: the first who meets the rule.
    expect(previewCertificate(w.deps, MODULE).ok).toBe(true);
  });

  test('reissue: a new code with the corrected name, the old one replaced and its PDF retired, one new email', () => {
    const w = world();
    issueCertificates(w.deps, MODULE);
    w.drain();
    const old = w.rows(CERTIFICATES_TAB).find((c) => c.registrationId === 'R04')!;
    const bad = reissueCertificate(w.deps, old.id, '<script>');
    expect(bad.ok).toBe(false);
    const r = reissueCertificate(w.deps, old.id, 'Lucía Torres Mendoza');
    expect(r.ok).toBe(true);
    const certs = w.rows(CERTIFICATES_TAB);
    const oldNow = certs.find((c) => c.id === old.id)!;
    const fresh = certs.find((c) => c.id === r.code)!;
    expect(oldNow.state).toBe('Reemplazado');
    expect(oldNow.replacedBy).toBe(r.code);
    expect(fresh).toMatchObject({ state: 'Vigente', fullName: 'Lucía Torres Mendoza', delivery: 'enviado', registrationId: 'R04' });
    expect(w.rows(REGISTRATIONS_TAB).find((x) => x.id === 'R04')).toMatchObject({ certificateCode: r.code, fullName: 'Lucía <b>Torres</b>' });
    expect(w.drive.files.find((f) => f.id === old.pdfFileId)!.trashed).toBe(true);
    expect(w.mailer.sent.filter((m) => m.to === 'lucia@example.org')).toHaveLength(2);
    // Repeating it on the old code changes nothing and sends nothing.
    const again = reissueCertificate(w.deps, old.id, 'Lucía Torres Mendoza');
    expect(again.code).toBe(r.code);
    expect(w.mailer.sent.filter((m) => m.to === 'lucia@example.org')).toHaveLength(2);
    // The job does not touch it.
    w.newExecution();
    runCertificates(w.deps);
    expect(w.mailer.sent.filter((m) => m.to === 'lucia@example.org')).toHaveLength(2);
    expect(w.audit.entries().filter((e) => e.action === 'Certificado reemitido' && e.result === 'Correcto')).toHaveLength(1);
  });

  test('revoke: a reason is required; the state, when, why and who are recorded, the PDF retired; the job never reissues it', () => {
    const w = world();
    issueCertificates(w.deps, MODULE);
    w.drain();
    const c = w.rows(CERTIFICATES_TAB).find((x) => x.registrationId === 'R01')!;
    expect(revokeCertificate(w.deps, c.id, '').ok).toBe(false);
    const r = revokeCertificate(w.deps, c.id, 'Emitido por error de asistencia');
    expect(r.ok).toBe(true);
    const now = w.rows(CERTIFICATES_TAB).find((x) => x.id === c.id)!;
    expect(now).toMatchObject({ state: 'Revocado', revokeReason: 'Emitido por error de asistencia', by: COORD });
    expect(now.revokedAt).toBeInstanceOf(Date);
    expect(w.drive.files.find((f) => f.id === c.pdfFileId)!.trashed).toBe(true);
    expect(w.rows(REGISTRATIONS_TAB).find((x) => x.id === 'R01')!.certificateCode).toBe(c.id);
    const sent = w.mailer.sent.length;
    expect(issueCertificates(w.deps, MODULE).message).toMatch(/No hay certificados por emitir/);
    w.newExecution();
    runCertificates(w.deps);
    expect(w.mailer.sent.length).toBe(sent);
    expect(revokeCertificate(w.deps, c.id, 'otra vez').message).toMatch(/ya estaba revocado/);
    expect(revokeCertificate(w.deps, 'CERT-0000-0000-0000-0000', 'motivo').ok).toBe(false);
  });
});

describe('a crash at every external call of the issuing job', () => {
  /** Kills the run at its k-th call to Drive, Slides or the mailer (before, or right after its effect). */
  function crashingAt(w: ReturnType<typeof world>, k: number, after: boolean) {
    let n = 0;
    const boom = () => {
      throw new Error('Exceeded maximum execution time');
    };
    const wrap = <T extends object>(o: T, names: (keyof T)[]) => {
      for (const name of names) {
        const f = (o[name] as unknown as (...a: unknown[]) => unknown).bind(o);
        (o as Record<string, unknown>)[name as string] = (...a: unknown[]) => {
          n++;
          if (n === k && !after) boom();
          const out = f(...a);
          if (n === k && after) boom();
          return out;
        };
      }
    };
    wrap(w.drive, ['filesNamed', 'retire', 'folder', 'createFolder', 'childFolders', 'spreadsheetFolder']);
    wrap(w.slides, ['renderPdf', 'templateText']);
    wrap(w.mailer, ['send', 'remainingDailyQuota']);
    return () => n;
  }

  const ks = process.env.SOE_EXHAUSTIVE ? Array.from({ length: 40 }, (_, i) => i + 1) : [1, 3, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25];
  test.each(ks.flatMap((k) => [[k, false], [k, true]] as const))('crash at call %i (after its effect: %s): nobody gets two PDFs, codes or emails', (k, after) => {
    const w = world();
    issueCertificates(w.deps, MODULE);
    crashingAt(w, k, after);
    w.newExecution();
    try {
      runCertificates(w.deps);
    } catch {
      // The execution died; its lease expires.
    }
    // Later: the lease has expired; the continuation runs normally.
    w.clock.at = new Date(w.clock.at.getTime() + 10 * 60_000);
    // Undo the wrapping: a new execution has healthy services.
    for (const o of [w.drive, w.slides, w.mailer] as unknown as Record<string, unknown>[]) for (const key of Object.keys(o)) if (typeof o[key] === 'function') delete o[key];
    w.drain();
    const certs = w.rows(CERTIFICATES_TAB);
    expect(certs.map((c) => c.registrationId).sort()).toEqual(ELIGIBLE);
    expect(new Set(certs.map((c) => c.registrationId)).size).toBe(certs.length);
    const byPerson = new Map<string, number>();
    for (const m of w.mailer.sent) byPerson.set(m.to, (byPerson.get(m.to) ?? 0) + 1);
    expect([...byPerson.values()].every((v) => v === 1)).toBe(true);
    const live = w.drive.live('Certificado - ');
    expect(live).toHaveLength(6);
    for (const c of certs) expect(live.some((f) => f.id === c.pdfFileId)).toBe(true);
    // An email that may have gone out is surfaced, never resent; everyone else got theirs.
    const ambiguous = certs.filter((c) => c.delivery === 'enviando');
    expect(ambiguous.length).toBeLessThanOrEqual(1);
    for (const a of ambiguous) expect(w.rows(REVIEW_TAB).some((r) => r.reference === a.id)).toBe(true);
    expect(certs.filter((c) => c.delivery === 'enviado').length + ambiguous.length).toBe(5);
  });
});

describe('setup makes the template', () => {
  test('when the setting is empty or cannot be opened; mirrors its ID and link; a second setup keeps it', () => {
    const workbooks = new MemoryWorkbooks(BOOK);
    const book = workbooks.add(new MemoryWorkbook(BOOK, 'Programación Talleres Masivos'));
    const properties = new MemoryStore();
    const drive = new FakeDrive();
    const slides = new FakeSlides(drive);
    const deps = { workbooks, properties, scheduler: new MemoryScheduler(COORD), lock: new NoLock(), clock: new FixedClock(limaDate(2027, 1, 1, 9)), session: new FixedSession(COORD), audit: new ArrayAuditLog(), certificates: { slides, drive } };
    const setting = (name: string) => {
      book.newExecution();
      return String(book.table(SETTINGS_TAB).read().rows.find((r) => r.record.name === name)?.record.value ?? '');
    };
    const first = runSetup(deps, { role: 'talleres' });
    const id = setting('Plantilla de certificado (ID)');
    expect(id).not.toBe('');
    expect(slides.templateText(id)).toMatch(/\{\{nombre\}\}/);
    expect(setting('Plantilla de certificado (enlace)')).toBe(`https://docs.google.com/presentation/d/${id}/edit`);
    expect(first.changes.some((c) => /plantilla de certificado/i.test(c))).toBe(true);
    book.newExecution();
    runSetup(deps, { role: 'talleres' });
    expect(setting('Plantilla de certificado (ID)')).toBe(id);
    expect(drive.files.filter((f) => f.name.startsWith('Plantilla de certificado'))).toHaveLength(1);
    // Deleted: a new one, mirrored.
    slides.templates.delete(id);
    book.newExecution();
    runSetup(deps, { role: 'talleres' });
    const again = setting('Plantilla de certificado (ID)');
    expect(again).not.toBe(id);
    expect(slides.templateText(again)).not.toBeNull();
    // A template the Dirección chose (typed ID) is kept.
    const theirs = slides.createTemplate(drive.folders[0]!.id, 'Diseño de la Dirección');
    book.table(SETTINGS_TAB).update([{ id: 'Plantilla de certificado (ID)', fields: { value: theirs.id } }]);
    book.newExecution();
    runSetup(deps, { role: 'talleres' });
    expect(setting('Plantilla de certificado (ID)')).toBe(theirs.id);
  });
});
