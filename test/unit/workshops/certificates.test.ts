/** B12 certificates, the pure part: code, template check, replacements, who is issued, progress, QR. */
import {
  certificateCode,
  certificatePdfName,
  certificateProgress,
  certificateReplacements,
  checkTemplate,
  isCertificateCode,
  normaliseCertificateCode,
  planIssue,
  previewPdfName,
  validCorrectedName,
  validRevokeReason,
  type CertificateRowFacts,
} from '../../../src/domain/workshops/certificates';
import { moduleCompletion } from '../../../src/domain/workshops/completion';
import { decodeBase64, qrGif } from '../../../src/domain/workshops/qr';

const SECRET = 'secreto-de-prueba-0123456789';

describe('the code', () => {
  test('is CERT- and four groups of four Crockford characters, derived: same inputs, same code', () => {
    const c = certificateCode(SECRET, 'R-1', 1);
    expect(c).toMatch(/^CERT-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(isCertificateCode(c)).toBe(true);
    expect(certificateCode(SECRET, 'R-1', 1)).toBe(c);
    expect(certificateCode(SECRET, 'R-1', 2)).not.toBe(c);
    expect(certificateCode(SECRET, 'R-2', 1)).not.toBe(c);
    expect(certificateCode('otro-secreto', 'R-1', 1)).not.toBe(c);
    expect(c).not.toMatch(/[ILOU]/);
  });

  test('1000 registrations give 1000 different codes', () => {
    const codes = new Set(Array.from({ length: 1000 }, (_, i) => certificateCode(SECRET, `R-${i}`, 1)));
    expect(codes.size).toBe(1000);
  });

  test('refuses a missing secret or a bad round', () => {
    expect(() => certificateCode('', 'R-1', 1)).toThrow();
    expect(() => certificateCode(SECRET, 'R-1', 0)).toThrow();
    expect(() => certificateCode(SECRET, 'R-1', 1.5)).toThrow();
  });

  test('a typed code is normalised (case, spaces, O/0 and I/L/1); anything else is null', () => {
    const c = certificateCode(SECRET, 'R-7', 1);
    expect(normaliseCertificateCode(c.toLowerCase())).toBe(c);
    expect(normaliseCertificateCode(` ${c.replace(/-/g, ' ')} `)).toBe(c);
    expect(normaliseCertificateCode(c.slice(5).replace(/-/g, ''))).toBe(c);
    expect(normaliseCertificateCode('CERT-OOOO-IIII-LLLL-0000')).toBe('CERT-0000-1111-1111-0000');
    expect(normaliseCertificateCode('CERT-UUUU-0000-0000-0000')).toBeNull();
    expect(normaliseCertificateCode('CERT-0000')).toBeNull();
    expect(normaliseCertificateCode(42)).toBeNull();
    expect(normaliseCertificateCode('<script>')).toBeNull();
  });
});

describe('the template check', () => {
  const full = '{{nombre}} {{documento}} {{modulo}} {{horas}} {{fechas}} {{codigo}} {{verificacion}} {{qr}}';

  test('a complete template passes with nothing to say', () => {
    expect(checkTemplate(full)).toEqual({ ok: true, opened: true, missingRequired: [], missingRecommended: [], message: '' });
  });

  test('a missing required placeholder is refused, naming it in Spanish', () => {
    const r = checkTemplate(full.replace('{{codigo}}', '').replace('{{nombre}}', '{{ nombre }}'));
    expect(r.ok).toBe(false);
    expect(r.missingRequired).toEqual(['{{nombre}}', '{{codigo}}']);
    expect(r.message).toContain('faltan los marcadores {{nombre}} y {{codigo}}');
  });

  test('a missing recommended placeholder is only warned', () => {
    const r = checkTemplate(full.replace('{{qr}}', '').replace('{{horas}}', ''));
    expect(r.ok).toBe(true);
    expect(r.missingRecommended).toEqual(['{{horas}}', '{{qr}}']);
    expect(r.message).toMatch(/Se recomienda agregar también \{\{horas\}\} y \{\{qr\}\}/);
  });

  test('a template that cannot be opened is refused and says what to do', () => {
    const r = checkTemplate(null);
    expect(r.ok).toBe(false);
    expect(r.opened).toBe(false);
    expect(r.message).toMatch(/Configurar esta hoja/);
  });
});

describe('one person\'s certificate', () => {
  const facts = {
    fullName: "María José D'Ángelo Ñahui",
    documentType: 'DNI',
    documentNumber: '04000012',
    moduleName: 'Aprende a Emprender – I',
    hours: 8,
    dates: '12/01, 19/01 y 26/01/2027',
    code: 'CERT-7K2M-Q9XD-4TRB-H0ZP',
    verificationUrl: 'https://script.google.com/macros/s/AKfy1234567890/exec?t=abc',
  };

  test('replaces every placeholder but the QR with plain text', () => {
    const r = certificateReplacements(facts);
    expect(r['{{nombre}}']).toBe("María José D'Ángelo Ñahui");
    expect(r['{{documento}}']).toBe('DNI 04000012');
    expect(r['{{horas}}']).toBe('8');
    expect(r['{{codigo}}']).toBe(facts.code);
    expect(r['{{verificacion}}']).toBe(facts.verificationUrl);
    expect(Object.keys(r)).not.toContain('{{qr}}');
  });

  test('a long or reshaping name stays one line and fits', () => {
    const r = certificateReplacements({ ...facts, fullName: 'A'.repeat(150) + '\n<b>x</b>' });
    expect(r['{{nombre}}']!.length).toBeLessThanOrEqual(100);
    expect(r['{{nombre}}']).not.toMatch(/\n/);
    expect(certificateReplacements({ ...facts, documentNumber: '' })['{{documento}}']).toBe('');
  });

  test('file names carry the name and the code; a preview never looks issued', () => {
    expect(certificatePdfName('Ana / Quispe', 'CERT-AAAA-BBBB-CCCC-DDDD')).toBe('Certificado - Ana - Quispe - CERT-AAAA-BBBB-CCCC-DDDD.pdf');
    expect(previewPdfName('Ana Quispe')).toBe('Vista previa - Certificado - Ana Quispe.pdf');
  });

  test('a corrected name and a revocation reason are validated', () => {
    expect(validCorrectedName('  Ana  Quispe ')).toEqual({ ok: true, name: 'Ana Quispe' });
    expect(validCorrectedName('x').ok).toBe(false);
    expect(validCorrectedName('1234').ok).toBe(false);
    expect(validCorrectedName('A'.repeat(101)).ok).toBe(false);
    expect(validCorrectedName('<script>').ok).toBe(false);
    expect(validCorrectedName(null).ok).toBe(false);
    expect(validRevokeReason('').ok).toBe(false);
    expect(validRevokeReason('Emitido por error').ok).toBe(true);
  });
});

describe('who is issued', () => {
  const end = (d: number) => new Date(Date.UTC(2027, 0, d, 17));
  const sessions = [1, 2, 3, 4].map((d) => ({ id: `S${d}`, status: 'Realizada', start: end(d * 7 - 1), end: end(d * 7) }));
  const regs = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6'].map((id) => ({ id, status: id === 'R6' ? 'Retirado' : 'Inscrito' }));
  const present = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6'].flatMap((r, i) => sessions.slice(0, i === 4 ? 1 : 3).map((s) => ({ sessionId: s.id, registrationId: r })));
  const completion = (now: Date, min = 3) => moduleCompletion({ minSessions: min, sessions, registrations: regs, present, now });
  const after = end(30);

  test('everyone meeting the rule, each once, with round 1', () => {
    const plan = planIssue(completion(after), regs.map((r) => ({ id: r.id, certificateCode: '' })), []);
    expect(plan.blocked).toBeNull();
    expect(plan.steps).toEqual(['R1', 'R2', 'R3', 'R4'].map((id) => ({ registrationId: id, kind: 'new', round: 1 })));
  });

  test('nobody before the last session ends, or without a rule', () => {
    expect(planIssue(completion(end(20)), [], []).blocked).toBe('not-ended');
    expect(planIssue(completion(after, 0), [], []).blocked).toBe('rule-not-set');
    expect(planIssue(completion(end(20)), [], []).steps).toEqual([]);
  });

  test('sent, in doubt, without email and revoked are skipped; a half-done one is resumed; a row the registration does not name yet is found', () => {
    const rows: CertificateRowFacts[] = [
      { code: 'C1', registrationId: 'R1', state: 'Vigente', delivery: 'enviado' },
      { code: 'C2', registrationId: 'R2', state: 'Revocado', delivery: 'enviado' },
      { code: 'C3', registrationId: 'R3', state: 'Vigente', delivery: 'pendiente' },
      { code: 'C4', registrationId: 'R4', state: 'Vigente', delivery: 'enviando' },
    ];
    const named = [
      { id: 'R1', certificateCode: 'C1' },
      { id: 'R2', certificateCode: 'C2' },
      { id: 'R3', certificateCode: '' },
      { id: 'R4', certificateCode: 'C4' },
    ];
    const plan = planIssue(completion(after), named, rows);
    expect(plan.steps).toEqual([{ registrationId: 'R3', kind: 'resume', code: 'C3' }]);
    expect([plan.issued, plan.revoked, plan.ambiguous]).toEqual([1, 1, 1]);
    const p = certificateProgress(plan, false);
    expect(p).toMatchObject({ eligible: 4, issued: 1, toIssue: 1, waitingForQuota: 0, errors: 1, revoked: 1 });
    expect(certificateProgress(plan, true)).toMatchObject({ toIssue: 0, waitingForQuota: 1 });
  });

  test('a replaced certificate gives the next round to nobody but a reissue; the job sees the new one', () => {
    const rows: CertificateRowFacts[] = [
      { code: 'C1', registrationId: 'R1', state: 'Reemplazado', delivery: 'enviado' },
      { code: 'C1b', registrationId: 'R1', state: 'Vigente', delivery: 'enviado' },
    ];
    const plan = planIssue(completion(after), [{ id: 'R1', certificateCode: 'C1b' }], rows);
    expect(plan.issued).toBe(1);
    expect(plan.steps.find((s) => s.registrationId === 'R1')).toBeUndefined();
  });
});

describe('the QR', () => {
  test('is a GIF of the URL, decoded from the library\'s data URL', () => {
    const q = qrGif('https://script.google.com/macros/s/AKfy1234567890/exec?t=' + 'a'.repeat(120));
    expect(String.fromCharCode(...q.bytes.slice(0, 6))).toBe('GIF87a');
    expect(q.mimeType).toBe('image/gif');
    expect(q.modules).toBeGreaterThanOrEqual(41);
    expect(q.bytes[q.bytes.length - 1]).toBe(0x3b);
  });

  test('base64 decoding matches node\'s', () => {
    for (const s of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', 'ñandú ✓']) {
      const b64 = Buffer.from(s, 'utf8').toString('base64');
      expect(decodeBase64(b64)).toEqual([...Buffer.from(b64, 'base64')]);
    }
    expect(() => decodeBase64('a*b=')).toThrow();
  });
});

describe('«Diagnóstico» of the template', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { checkCertificateTemplate } = require('../../../src/domain/diagnostics') as typeof import('../../../src/domain/diagnostics');
  const at = new Date('2027-03-01T15:00:00Z');
  const facts = (text: string | null, templateId = 'tpl') => {
    const t = checkTemplate(text);
    return { ok: true as const, value: { templateId, ok: t.ok, opened: t.opened, message: t.message } };
  };
  test('ok, attention for a recommended one missing, failure for a required one, no template or an error', () => {
    const full = '{{nombre}} {{documento}} {{modulo}} {{horas}} {{fechas}} {{codigo}} {{verificacion}} {{qr}}';
    expect(checkCertificateTemplate(facts(full), at).result).toBe('ok');
    expect(checkCertificateTemplate(facts(full.replace('{{qr}}', '')), at).result).toBe('attention');
    const bad = checkCertificateTemplate(facts(full.replace('{{verificacion}}', '')), at);
    expect(bad.result).toBe('failure');
    expect(bad.detail).toContain('{{verificacion}}');
    expect(checkCertificateTemplate(facts(null, ''), at).detail).toMatch(/Configurar esta hoja/);
    expect(checkCertificateTemplate({ ok: false, error: 'Slides caído' }, at).result).toBe('failure');
  });
});
