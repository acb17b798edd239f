/**
 * C02–C04 pure pieces: the capacity with the margin (rounding up, never below the expected
 * number, never above the module's maximum), the module an approved request becomes, the
 * certificates flag (empty counts as yes), «Siguiente paso» of an external module, the
 * invitations' gate (never for an external module) and the clock duty's due moments.
 */
import { externalCapacity, externalModuleInput } from '../../../src/domain/external/workshop';
import { limaDate } from '../../../src/domain/lima-time';
import { STAGE_MESSAGES as S } from '../../../src/domain/messages/workshops-stage';
import { issuesCertificates } from '../../../src/domain/workshops/certificates-flag';
import { invitationGate } from '../../../src/domain/workshops/invitations';
import { MAX_CAPACITY, validateModule } from '../../../src/domain/workshops/module';
import { moduleStage, type ModuleFacts } from '../../../src/domain/workshops/stage';
import { externalHeldDueTimes } from '../../../src/app/workshops/session-duties';
import { AUTO_CONSOLIDATION_DELAY_MS } from '../../../src/app/workshops/consolidation';
import { openWorkshopOffers } from '../../../src/app/workshops-invitation';
import type { ModuleKey } from '../../../src/domain/schema';
import type { TableRow } from '../../../src/domain/table';

describe('externalCapacity: ceil(expected × (1 + margin/100))', () => {
  test.each([
    [40, 20, 48],
    [41, 20, 50],
    [1, 20, 2],
    [10, 0, 10],
    [25, 10, 28],
    [100, 15, 115],
    [3, 33, 4],
  ])('%i people with %i %% → %i places', (expected, margin, places) => {
    expect(externalCapacity(expected, margin)).toBe(places);
  });

  test('a float product that is a whole number does not round up once more (50 × 1.1 is 55, not 56)', () => {
    expect(50 * (1 + 10 / 100)).not.toBe(55);
    expect(externalCapacity(50, 10)).toBe(55);
  });

  test('never below the expected number, never above the module maximum; nonsense margins count as 0', () => {
    expect(externalCapacity(40, -50)).toBe(40);
    expect(externalCapacity(40, Number.NaN)).toBe(40);
    expect(externalCapacity(480, 20)).toBe(MAX_CAPACITY);
  });
});

describe('externalModuleInput', () => {
  const start = limaDate(2026, 12, 10, 18, 0);
  const request = {
    id: 'SOL-2026-0001',
    institution: 'CETPRO San Martín de Porres',
    topic: 'Plan de negocios',
    expected: 40,
    proposedStart: start,
    proposedEnd: new Date(start.getTime() + 2 * 3_600_000),
    speaker: 'Carmen Vílchez',
    speakerEmail: 'carmen.vilchez@gmail.com',
  };

  test('one session at the proposed Lima time, rule 1 of 1, capacity with the margin, a name that says what it is', () => {
    const input = externalModuleInput(request, 20);
    expect(input).toMatchObject({ year: 2026, quarter: 'IV', capacity: 48, minSessions: 1, name: 'Taller externo: Plan de negocios – CETPRO San Martín de Porres (10/12)' });
    expect(input.sessions).toEqual([{ topic: 'Plan de negocios', date: '2026-12-10', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' }]);
    const v = validateModule(input, { now: limaDate(2026, 11, 27, 9, 0), others: [] });
    expect(v.ok).toBe(true);
  });

  test('long names are clipped to what the module accepts', () => {
    const input = externalModuleInput({ ...request, institution: 'Instituto '.repeat(30), topic: 'Tema '.repeat(60) }, 20);
    expect(String(input.name).length).toBeLessThanOrEqual(150);
    expect(validateModule(input, { now: limaDate(2026, 11, 27, 9, 0), others: [] }).ok).toBe(true);
  });

  test('a busy speaker is refused by the same rules as any module', () => {
    const input = externalModuleInput(request, 20);
    const v = validateModule(input, {
      now: limaDate(2026, 11, 27, 9, 0),
      others: [{ moduleId: 'M-1', moduleName: 'Otro', start: new Date(start.getTime() + 3_600_000), end: new Date(start.getTime() + 3 * 3_600_000), speakerEmail: 'Carmen.Vilchez@gmail.com' }],
    });
    expect(v.ok).toBe(false);
  });
});

describe('issuesCertificates: empty counts as yes', () => {
  test.each([
    ['', true],
    [null, true],
    [undefined, true],
    [true, true],
    ['TRUE', true],
    ['sí', true],
    [false, false],
    ['FALSE', false],
    ['falso', false],
    ['No', false],
    [0, false],
  ])('%p → %p', (cell, yes) => {
    expect(issuesCertificates(cell)).toBe(yes);
  });
});

describe('an external module in «Siguiente paso» and the invitations gate', () => {
  const NOW = new Date('2026-11-27T14:00:00Z');
  const base: ModuleFacts = {
    status: 'Inscripción abierta',
    sessions: [{ number: 1, speakerAnswer: 'Aceptó', invitation: 'enviado' }],
    programmeSentAt: '',
    subDirectorEmailSet: false,
    directionEmailSet: false,
    banner: '',
    registrationUrl: 'https://docs.google.com/forms/d/e/x/viewform?entry.1=M-1',
    invitations: { pending: 0, sent: 0, failed: 0, uncertain: 0 },
    registrants: { confirmed: 12, waiting: 0, review: 0, capacity: 48 },
    firstStart: new Date('2026-12-10T23:00:00Z'),
    now: NOW,
    external: true,
  };

  test('no programme, no banner, no invitations: B03–B05 are done once registration is open', () => {
    const st = moduleStage(base);
    expect(st.steps.map((s) => [s.code, s.state])).toEqual([
      ['B01', 'hecho'],
      ['B02', 'hecho'],
      ['B03', 'hecho'],
      ['B04', 'hecho'],
      ['B05', 'hecho'],
    ]);
    expect(st.blockers).toEqual([]);
    expect(st.steps[4]!.text).toBe(S.externalRegistration(12, 48, 0));
    // The same facts for an internal module: the programme, the banner and the invitations are owed.
    const internal = moduleStage({ ...base, external: false });
    expect(internal.steps.filter((s) => s.state !== 'hecho').map((s) => s.code)).toEqual(['B03', 'B04', 'B05']);
  });

  test('before registration opens, the next step is the job opening it, not a banner', () => {
    const st = moduleStage({ ...base, status: 'Borrador', registrationUrl: '' });
    expect(st.next).toBe(S.externalWaitsForJob);
    expect(st.blockers).toEqual([]);
  });

  test('invitations never go out for an external module, whatever its banner and registration say', () => {
    const open = { status: 'Inscripción abierta', registrationUrl: 'https://docs.google.com/forms/d/e/x/viewform', startDate: new Date('2026-12-10T23:00:00Z'), bannerAllowed: true, bannerBlockedReason: '' };
    expect(invitationGate(open, NOW)).toEqual({ ok: true });
    expect(invitationGate({ ...open, external: true }, NOW)).toEqual({ ok: false, reason: 'external' });
  });
});

describe('«Taller externo realizado»: due at each session end and a day later', () => {
  test('live sessions with an end only', () => {
    const end = Date.UTC(2026, 11, 11, 1, 0);
    const times = externalHeldDueTimes([
      { id: 'S1', moduleId: 'M-1', number: 1, start: end - 7_200_000, end, status: 'Programada', meetUrl: '' },
      { id: 'S2', moduleId: 'M-2', number: 1, start: null, end: null, status: 'Programada', meetUrl: '' },
      { id: 'S3', moduleId: 'M-3', number: 1, start: end, end: end + 1, status: 'Cancelada', meetUrl: '' },
    ]);
    expect(times).toEqual([end, end + AUTO_CONSOLIDATION_DELAY_MS]);
  });
});

describe('A05 «Invitar a talleres» never offers an external workshop', () => {
  test('an open external module is the institution’s: left out of the offers to citizens', () => {
    const row = (id: string, kind: string, name: string) => ({
      id,
      rowNumber: 2,
      record: { id, kind, name, status: 'Inscripción abierta', registrationUrl: `https://docs.google.com/forms/d/e/x/viewform?m=${id}`, startDate: new Date('2026-12-10T05:00:00Z'), endDate: new Date('2026-12-10T05:00:00Z') },
    }) as unknown as TableRow<ModuleKey>;
    const offers = openWorkshopOffers([row('M-1', 'Interno', 'Aprende a Emprender – IV 2026'), row('M-2', 'Externo', 'Taller externo: Plan de negocios – CETPRO (10/12)')], new Date('2026-11-27T14:00:00Z'));
    expect(offers.map((o) => o.title)).toEqual(['Aprende a Emprender – IV 2026']);
  });
});
