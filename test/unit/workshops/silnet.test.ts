/**
 * Issue 12 items 5–7, the pure parts: the Silnet layout from settings, formula-safe CSV and XLSX,
 * vCard escaping and folding, the closing's slots, the status rules and «Siguiente paso».
 */
import { parseXlsx } from '../../../src/domain/import/xlsx';
import { STAGE_MESSAGES as S } from '../../../src/domain/messages/workshops-stage';
import { checkOrder, currentPresenters, presentationSlots, slotKey } from '../../../src/domain/workshops/closing';
import { foldLine, toContactsCsv, toVcards, vcardEscape } from '../../../src/domain/workshops/contacts';
import { closingSession, nextModuleStatus, nextSessionStatus, progressDueTimes, runningFacts, type ProgressSession } from '../../../src/domain/workshops/progress';
import { DEFAULT_SILNET_LAYOUT, parseSilnetLayout, silnetExportId, silnetTable, toBase64, toCsv, toXlsxBase64, type SilnetPerson } from '../../../src/domain/workshops/silnet';
import { moduleStage, type ModuleFacts } from '../../../src/domain/workshops/stage';
import { readZipEntries } from '../../support/xlsx-writer';

const person = (over: Partial<SilnetPerson> = {}): SilnetPerson => ({
  registrationId: 'R1',
  documentType: 'DNI',
  dni: '01234567',
  fullName: 'José Ñahui',
  email: 'jose@example.com',
  phone: '987 654 321',
  region: 'Lima',
  sector: 'Comercio',
  businessStage: 'Idea de negocio',
  firstAttended: new Date('2026-12-01T23:00:00Z'),
  ...over,
});

describe('Silnet layout (setting «Columnas de carga a Silnet»)', () => {
  test('entries in order; field case-insensitive; unusable entries reported', () => {
    const l = parseSilnetLayout(['DNI=dni', ' Nombre = FullName ', 'Sin igual', '=email', 'Otro=unknown', '']);
    expect(l.columns).toEqual([
      { header: 'DNI', field: 'dni' },
      { header: 'Nombre', field: 'fullName' },
    ]);
    expect(l.ignored).toEqual(['Sin igual', '=email', 'Otro=unknown']);
    expect(l.usedDefault).toBe(false);
  });
  test('nothing usable: the default layout', () => {
    const l = parseSilnetLayout(['x', 'y=z']);
    expect(l.columns).toEqual(DEFAULT_SILNET_LAYOUT);
    expect(l.usedDefault).toBe(true);
  });
  test('the table follows the layout; a mobile as its 9 digits, date dd/mm/yyyy (Lima), service and module', () => {
    const l = parseSilnetLayout(['Doc=dni', 'Cel=phone', 'Fecha=date', 'Servicio=service', 'Módulo=module']).columns;
    expect(silnetTable(l, [person()], 'Módulo IV')).toEqual([
      ['Doc', 'Cel', 'Fecha', 'Servicio', 'Módulo'],
      ['01234567', '987654321', '01/12/2026', 'Taller «Aprende a Emprender»', 'Módulo IV'],
    ]);
  });
});

describe('formula safety', () => {
  const hostile = ['=HYPERLINK("http://x")', '+51 999', '-2+3', '@SUM(A1)', '\tTab', '\rCR', 'Ana;=1+1'];
  test('CSV: BOM first, CRLF, every dangerous start neutralised (also after a ; for Excel in Spanish)', () => {
    const csv = toCsv([['Nombre'], ...hostile.map((h) => [h])]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(lines[2]).toBe("'+51 999");
    expect(lines[3]).toBe("'-2+3");
    expect(lines[4]).toBe("'@SUM(A1)");
    expect(csv).toContain(`"Ana;'=1+1"`);
  });
  test('XLSX: a real workbook; cells are inline strings, never formulas; dangerous ones carry the quote prefix', () => {
    const table = [['Nombre', 'DNI'], ...hostile.map((h) => [h, '01234567'])];
    const bytes = Uint8Array.from(Buffer.from(toXlsxBase64(table, 'Silnet'), 'base64'));
    const entries = readZipEntries(bytes);
    const sheet = entries['xl/worksheets/sheet1.xml'];
    expect(sheet).not.toContain('<f>');
    expect(sheet).toContain('<c r="A2" s="2" t="inlineStr">');
    expect(sheet).toContain('<c r="B2" s="1" t="inlineStr">');
    expect(entries['xl/styles.xml']).toContain('quotePrefix="1"');
    const rows = parseXlsx(entries);
    expect(rows[0]).toEqual(['Nombre', 'DNI']);
    expect(rows[1]).toEqual(['=HYPERLINK("http://x")', '01234567']);
    expect(rows[2][1]).toBe('01234567');
  });
  test('base64 of 0, 1, 2 and 3 bytes', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'Ñandú']) expect(toBase64([...Buffer.from(s, 'utf8')])).toBe(Buffer.from(s, 'utf8').toString('base64'));
  });
  test('the export ID changes with the list and the module', () => {
    const a = silnetExportId('k', 'M1', ['R1', 'R2']);
    expect(a).toMatch(/^[0-9a-f]{24}$/);
    expect(silnetExportId('k', 'M1', ['R1', 'R2'])).toBe(a);
    expect(silnetExportId('k', 'M1', ['R1'])).not.toBe(a);
    expect(silnetExportId('k', 'M2', ['R1', 'R2'])).not.toBe(a);
    expect(silnetExportId('k', 'M1', ['R1', 'R2', 'R3'])).not.toBe(a);
  });
});

describe('WhatsApp contacts', () => {
  test('vCard escaping: backslash, comma, semicolon, line breaks', () => {
    expect(vcardEscape('a\\b,c;d\ne\r\nf')).toBe('a\\\\b\\,c\\;d\\ne\\nf');
  });
  test('vCard 3.0: N, FN, TEL in +51 form, EMAIL, CATEGORIES; no TEL for a landline', () => {
    const v = toVcards(
      [
        { fullName: 'Pérez, Ana; "la jefa"', phone: '987654321', email: 'ana@example.com' },
        { fullName: 'Luis', phone: '(01) 456-7890', email: '' },
      ],
      'Módulo IV',
    );
    expect(v.split('\r\n').slice(0, 8)).toEqual([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Pérez\\, Ana\\; "la jefa";;;;',
      'FN:Pérez\\, Ana\\; "la jefa"',
      'TEL;TYPE=CELL:+51987654321',
      'EMAIL;TYPE=INTERNET:ana@example.com',
      'CATEGORIES:Módulo IV',
      'END:VCARD',
    ]);
    expect(v).not.toContain('TEL;TYPE=CELL:(01)');
    expect(v.endsWith('END:VCARD\r\n')).toBe(true);
  });
  test('long lines fold at 75 octets, never inside a UTF-8 character', () => {
    const line = 'FN:' + 'ñ'.repeat(60);
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n ').join('')).toBe(line);
  });
  test('CSV for Google Contacts: BOM, headers, mobile, formula-safe name', () => {
    const csv = toContactsCsv([{ fullName: '=cmd', phone: '+51 987 654 321', email: 'a@b.pe' }], 'Módulo');
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Name,Phone 1 - Type,Phone 1 - Value,E-mail 1 - Type,E-mail 1 - Value,Group Membership');
    expect(lines[1]).toBe("'=cmd,Mobile,'+51987654321,* Internet,a@b.pe,Módulo ::: * myContacts");
  });
});

describe('the closing order', () => {
  const start = new Date('2026-12-15T23:00:00Z'); // 18:00 Lima
  test('slots of N minutes from the start', () => {
    const s = presentationSlots(['A', 'B', 'C'], start, 10);
    expect(s.map((x) => [x.registrationId, x.order, x.text])).toEqual([
      ['A', 1, '18:00–18:10'],
      ['B', 2, '18:10–18:20'],
      ['C', 3, '18:20–18:30'],
    ]);
  });
  test('the slot key changes with the slot only', () => {
    const [a] = presentationSlots(['A'], start, 10);
    const [b] = presentationSlots(['B'], start, 10);
    expect(slotKey(a, start)).toBe(slotKey(b, start));
    const [c] = presentationSlots(['X', 'A'], start, 10).slice(1);
    expect(slotKey(c, start)).not.toBe(slotKey(a, start));
  });
  test('volunteers in order of registration until an order is saved; then the saved order', () => {
    const c = (id: string, presents: boolean, order: number, rank: number, status = 'Inscrito') => ({ registrationId: id, status, presentsProject: presents, order, registeredRank: rank });
    expect(currentPresenters([c('A', true, 0, 2), c('B', false, 0, 0), c('C', true, 0, 1), c('D', true, 0, 0, 'Retirado')])).toEqual(['C', 'A']);
    expect(currentPresenters([c('A', true, 2, 2), c('B', false, 1, 0), c('C', true, 0, 1)])).toEqual(['B', 'A']);
  });
  test('a list from the panel: known, once each', () => {
    const ok = new Set(['A', 'B']);
    expect(checkOrder(['B', 'A'], ok)).toEqual({ ok: true, ids: ['B', 'A'] });
    expect(checkOrder(['A', 'A'], ok)).toEqual({ ok: false, problem: 'duplicate' });
    expect(checkOrder(['Z'], ok)).toEqual({ ok: false, problem: 'unknown' });
    expect(checkOrder('A', ok)).toEqual({ ok: false, problem: 'unknown' });
  });
});

describe('status moving by itself', () => {
  const at = (iso: string) => new Date(iso);
  const session = (n: number, start: string, end: string, over: Partial<ProgressSession> = {}): ProgressSession => ({
    id: `S${n}`,
    moduleId: 'M',
    number: n,
    status: 'Programada',
    start: at(start),
    end: at(end),
    isClosing: false,
    ...over,
  });
  const sessions = [session(1, '2026-12-01T23:00:00Z', '2026-12-02T01:00:00Z'), session(2, '2026-12-08T23:00:00Z', '2026-12-09T01:00:00Z'), session(3, '2026-12-10T23:00:00Z', '2026-12-11T01:00:00Z', { status: 'Cancelada' })];
  test('a session becomes Realizada once its end passed; never a cancelled one', () => {
    expect(nextSessionStatus(sessions[0], at('2026-12-02T00:59:00Z'))).toBeNull();
    expect(nextSessionStatus(sessions[0], at('2026-12-02T01:00:00Z'))).toBe('Realizada');
    expect(nextSessionStatus(sessions[2], at('2027-01-01T00:00:00Z'))).toBeNull();
    expect(nextSessionStatus({ ...sessions[0], status: 'Realizada' }, at('2027-01-01T00:00:00Z'))).toBeNull();
  });
  test('module: open → en curso at the first start → cerrado at the last live end; borrador and cancelled stay', () => {
    expect(nextModuleStatus('Inscripción abierta', false, sessions, at('2026-12-01T22:59:00Z'))).toBeNull();
    expect(nextModuleStatus('Inscripción abierta', false, sessions, at('2026-12-01T23:00:00Z'))).toBe('En curso');
    expect(nextModuleStatus('En curso', false, sessions, at('2026-12-05T00:00:00Z'))).toBeNull();
    expect(nextModuleStatus('En curso', false, sessions, at('2026-12-09T01:00:00Z'))).toBe('Cerrado');
    expect(nextModuleStatus('Inscripción abierta', false, sessions, at('2026-12-20T00:00:00Z'))).toBe('Cerrado');
    expect(nextModuleStatus('Borrador', false, sessions, at('2026-12-20T00:00:00Z'))).toBeNull();
    expect(nextModuleStatus('En curso', true, sessions, at('2026-12-20T00:00:00Z'))).toBeNull();
    expect(nextModuleStatus('Cerrado', false, sessions, at('2026-12-20T00:00:00Z'))).toBeNull();
  });
  test('due times: each live session start and end, sorted', () => {
    expect(progressDueTimes(sessions)).toEqual(['2026-12-01T23:00:00Z', '2026-12-02T01:00:00Z', '2026-12-08T23:00:00Z', '2026-12-09T01:00:00Z'].map((x) => at(x).getTime()));
  });
  test('the closing session: the one marked, else the last live one', () => {
    expect(closingSession(sessions)?.id).toBe('S2');
    expect(closingSession([{ ...sessions[0], isClosing: true }, sessions[1]])?.id).toBe('S1');
  });
});

describe('«Siguiente paso» once the sessions run', () => {
  const base: ModuleFacts = {
    status: 'En curso',
    sessions: [1, 2].map((n) => ({ number: n, speakerAnswer: 'Aceptó', invitation: 'enviado' })),
    programmeSentAt: '20/11/2026 10:00',
    subDirectorEmailSet: true,
    directionEmailSet: true,
    banner: 'Validado',
    registrationUrl: 'https://x',
    invitations: { pending: 0, sent: 1, failed: 0, uncertain: 0 },
    registrants: { confirmed: 10, waiting: 0, review: 0, capacity: 60 },
    firstStart: new Date('2026-12-01T23:00:00Z'),
    now: new Date('2026-12-03T00:00:00Z'),
  };
  const s1: ProgressSession = { id: 'S1', moduleId: 'M', number: 1, status: '', start: new Date('2026-12-01T23:00:00Z'), end: new Date('2026-12-02T01:00:00Z'), isClosing: false };
  const s2: ProgressSession = { ...s1, id: 'S2', number: 2, start: new Date('2026-12-08T23:00:00Z'), end: new Date('2026-12-09T01:00:00Z') };
  test('after the first session: B10 opens and comes first while people wait for Silnet', () => {
    const running = runningFacts([s1, s2], base.now, { silnetPending: 7, silnetDone: 0, presenters: 2, closingSent: false });
    const st = moduleStage({ ...base, running });
    expect(st.steps.map((s) => s.code)).toEqual(['B01', 'B02', 'B03', 'B04', 'B05', 'B10', 'B11']);
    expect(st.next).toBe(S.registerSilnet(7));
    expect(st.line).toBe(`B10 · Siguiente: ${S.registerSilnet(7)}`);
  });
  test('Silnet done: the closing order is next (the closing session is the next one)', () => {
    const running = runningFacts([s1, s2], base.now, { silnetPending: 0, silnetDone: 7, presenters: 2, closingSent: false });
    expect(moduleStage({ ...base, running }).next).toBe(S.sendClosingOrder);
    const none = runningFacts([s1, s2], base.now, { silnetPending: 0, silnetDone: 7, presenters: 0, closingSent: false });
    expect(moduleStage({ ...base, running: none }).next).toBe(S.choosePresenters);
  });
  test('order sent: the next session; all ended: closed', () => {
    const running = runningFacts([s1, s2], base.now, { silnetPending: 0, silnetDone: 7, presenters: 2, closingSent: true });
    expect(moduleStage({ ...base, running }).next).toBe(S.nextSession(2, s2.start!));
    const later = new Date('2026-12-10T00:00:00Z');
    const done = runningFacts([s1, s2], later, { silnetPending: 0, silnetDone: 8, presenters: 2, closingSent: true });
    expect(moduleStage({ ...base, now: later, status: 'Cerrado', running: done }).next).toBe(S.closed);
  });
  test('three sessions, before the second ended: no closing step yet', () => {
    const s3: ProgressSession = { ...s2, id: 'S3', number: 3, start: new Date('2026-12-15T23:00:00Z'), end: new Date('2026-12-16T01:00:00Z') };
    const running = runningFacts([s1, s2, s3], base.now, { silnetPending: 0, silnetDone: 3, presenters: 2, closingSent: false });
    expect(running.closingOpen).toBe(false);
    const st = moduleStage({ ...base, running });
    expect(st.steps.map((s) => s.code)).not.toContain('B11');
    expect(st.next).toBe(S.nextSession(2, s2.start!));
  });
});
