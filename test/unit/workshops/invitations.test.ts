/** B05 invitations, the pure part: audience, IDs, the imported list, the quota left, the gate, the email. */
import { limaDate } from '../../../src/domain/lima-time';
import { LEGAL_BASES } from '../../../src/domain/messages/workshops-invitations';
import {
  ATTENTION_MAIL_MARGIN,
  audienceFromAttention,
  audienceFromRegistrations,
  countInvitations,
  declaredLegalBasis,
  invitationBudget,
  invitationEmail,
  invitationGate,
  invitationId,
  nextInvitationDay,
  parseInvitationList,
  planAdditions,
  remindersStillDue,
  UNKNOWN_REMINDERS_RESERVE,
  type ModuleFacts,
} from '../../../src/domain/workshops/invitations';

describe('invitationId', () => {
  test('deterministic per module and lower-case address, opaque, distinct across modules and secrets', () => {
    const a = invitationId('s3cret', 'M-ABC', 'Lucia.Rojas@Gmail.com');
    expect(a).toBe(invitationId('s3cret', 'M-ABC', 'lucia.rojas@gmail.com'));
    expect(a).toMatch(/^INV-[0-9A-V]{16}$/);
    expect(a.toLowerCase()).not.toContain('lucia');
    expect(invitationId('s3cret', 'M-XYZ', 'lucia.rojas@gmail.com')).not.toBe(a);
    expect(invitationId('other', 'M-ABC', 'lucia.rojas@gmail.com')).not.toBe(a);
  });
});

describe('the audience', () => {
  test('earlier registrations: accepted news, valid address, not already in this module, once', () => {
    const rows = [
      { moduleId: 'M-OLD', email: 'Ana@Gmail.com', fullName: 'Ana', acceptsNews: true },
      { moduleId: 'M-OLD2', email: 'ana@gmail.com', fullName: 'Ana P.', acceptsNews: 'TRUE' },
      { moduleId: 'M-OLD', email: 'no@gmail.com', fullName: 'No', acceptsNews: false },
      { moduleId: 'M-OLD', email: 'mal@', fullName: 'Mal', acceptsNews: true },
      { moduleId: 'M-OLD', email: 'dentro@gmail.com', fullName: 'Dentro', acceptsNews: true },
      { moduleId: 'M-NOW', email: 'DENTRO@gmail.com', fullName: 'Dentro', acceptsNews: false },
    ];
    expect(audienceFromRegistrations(rows, 'M-NOW')).toEqual([
      { email: 'ana@gmail.com', fullName: 'Ana P.', source: 'Inscripción anterior', legalBasis: LEGAL_BASES.registration },
    ]);
  });

  test('the attention flow: only those whose «Invitar a talleres» went out', () => {
    const out = audienceFromAttention([
      { email: 'a@x.pe', fullName: 'A', workshopInvitation: 'enviado' },
      { email: 'b@x.pe', fullName: 'B', workshopInvitation: 'enviando' },
      { email: 'c@x.pe', fullName: 'C', workshopInvitation: '' },
    ]);
    expect(out).toEqual([{ email: 'a@x.pe', fullName: 'A', source: 'Atención', legalBasis: LEGAL_BASES.attention }]);
  });

  test('an imported list: header found, invalid rows reported, repeats collapsed, blanks ignored', () => {
    const parsed = parseInvitationList([
      ['Lista de la feria'],
      ['Nombre', 'Correo electrónico'],
      ['Ana', 'ana@x.pe'],
      ['', ''],
      ['Bea', 'no es correo'],
      ['Ana otra vez', 'ANA@x.pe'],
      ['Ciro', 'ciro@x.pe'],
    ]);
    expect(parsed).toEqual({ ok: true, entries: [{ email: 'ana@x.pe', fullName: 'Ana' }, { email: 'ciro@x.pe', fullName: 'Ciro' }], invalidRows: [5], duplicates: 1 });
    expect(parseInvitationList([['Nombre', 'Teléfono'], ['Ana', '999']])).toEqual({ ok: false, problem: 'no-email-column' });
    expect(parseInvitationList([['Correo']])).toEqual({ ok: false, problem: 'empty' });
  });

  test('the legal basis is required and at least 10 characters', () => {
    expect(declaredLegalBasis('')).toBeNull();
    expect(declaredLegalBasis('  ok  ')).toBeNull();
    expect(declaredLegalBasis('  Consentimiento   en la feria  ')).toBe('Consentimiento en la feria');
  });

  test('additions: never a second row for an ID, never an unsubscribed address', () => {
    const members = ['a@x.pe', 'b@x.pe', 'c@x.pe', 'a@x.pe'].map((email) => ({ email, fullName: '', source: 'Lista importada' as const, legalBasis: 'Consentimiento escrito' }));
    const plan = planAdditions(members, new Set(['ID-b@x.pe']), new Set(['c@x.pe']), (e) => `ID-${e}`);
    expect(plan.add.map((m) => m.id)).toEqual(['ID-a@x.pe']);
    expect(plan).toMatchObject({ already: 1, unsubscribed: 1 });
  });
});

describe('the quota left for invitations', () => {
  const now = limaDate(2026, 11, 27, 9, 0);
  const at = (d: number, h: number) => limaDate(2026, 11, d, h, 0);
  test('reminders still due: today\'s and tomorrow\'s scheduled appointments ahead, not yet reminded', () => {
    const n = remindersStillDue(
      [
        { start: at(27, 15), status: 'Programada', reminderStatus: '' },
        { start: at(28, 10), status: 'Programada', reminderStatus: 'pendiente' },
        { start: at(28, 11), status: 'Programada', reminderStatus: 'error' },
        { start: at(28, 12), status: 'Programada', reminderStatus: 'enviado' },
        { start: at(28, 13), status: 'Programada', reminderStatus: 'enviando' },
        { start: at(28, 14), status: 'Cancelada', reminderStatus: '' },
        { start: at(29, 10), status: 'Programada', reminderStatus: '' },
        { start: at(27, 8), status: 'Programada', reminderStatus: '' },
        { start: null, status: 'Programada', reminderStatus: '' },
      ],
      now,
    );
    expect(n).toBe(3);
  });

  test('budget = quota − (reminders + margin), never negative; unknown reminders keep a larger reserve', () => {
    expect(invitationBudget(300, 30)).toBe(300 - 30 - ATTENTION_MAIL_MARGIN);
    expect(invitationBudget(40, 30)).toBe(0);
    expect(invitationBudget(1500, null)).toBe(1500 - UNKNOWN_REMINDERS_RESERVE - ATTENTION_MAIL_MARGIN);
  });

  test('without budget, the next look is the next day after its reminder run', () => {
    expect(nextInvitationDay(now, 18).getTime()).toBe(limaDate(2026, 11, 28, 18, 30).getTime());
    expect(nextInvitationDay(limaDate(2026, 11, 27, 23, 50), 18).getTime()).toBe(limaDate(2026, 11, 28, 18, 30).getTime());
  });
});

describe('the gate', () => {
  const now = limaDate(2026, 11, 27, 9, 0);
  const ok: ModuleFacts = { status: 'Inscripción abierta', registrationUrl: 'https://forms.gle/x', startDate: limaDate(2026, 12, 15, 18, 0), bannerAllowed: true, bannerBlockedReason: '' };
  test('banner first, then started, open registration, its link', () => {
    expect(invitationGate(ok, now)).toEqual({ ok: true });
    expect(invitationGate({ ...ok, bannerAllowed: false, bannerBlockedReason: 'el banner está solicitado', status: 'Planificado' }, now)).toEqual({ ok: false, reason: 'banner', why: 'el banner está solicitado' });
    expect(invitationGate({ ...ok, startDate: limaDate(2026, 11, 26, 18, 0) }, now)).toMatchObject({ reason: 'started' });
    expect(invitationGate({ ...ok, status: 'Programado' }, now)).toMatchObject({ reason: 'not-open' });
    expect(invitationGate({ ...ok, registrationUrl: 'javascript:alert(1)' }, now)).toMatchObject({ reason: 'no-link' });
    expect(invitationGate({ ...ok, status: 'Cancelado' }, now)).toMatchObject({ reason: 'cancelled' });
  });
});

describe('the email', () => {
  const base = { fullName: "María O'Brien <b>", moduleName: 'Aprende a Emprender', dates: '15 y 17 de diciembre', registrationUrl: 'https://forms.gle/x', bannerUrl: 'https://drive.google.com/file/d/1/view' };
  test('with the web app: its unsubscribe link; data escaped', () => {
    const m = invitationEmail({ ...base, unsubscribeUrl: 'https://script.google.com/macros/s/AKfycbXXXXXXXXXX/exec?t=abc' });
    expect(m.text).toContain('https://script.google.com/macros/s/AKfycbXXXXXXXXXX/exec?t=abc');
    expect(m.text).toContain('https://forms.gle/x');
    expect(m.text).toContain('https://drive.google.com/file/d/1/view');
    expect(m.html).not.toContain('<b>');
    expect(m.text).not.toContain('BAJA');
  });
  test('without it: reply «BAJA»', () => {
    const m = invitationEmail({ ...base, unsubscribeUrl: null });
    expect(m.text).toContain('responda a este correo con la palabra «BAJA»');
    expect(m.html).toContain('BAJA');
  });
});

test('counts', () => {
  expect(countInvitations([{ delivery: 'pendiente' }, { delivery: '' }, { delivery: 'enviado' }, { delivery: 'error' }, { delivery: 'enviando' }])).toEqual({ queued: 2, sent: 1, skipped: 1, review: 1 });
});
