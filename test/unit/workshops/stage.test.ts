/**
 * Where a module stands in B01–B05 (src/domain/workshops/stage.ts): every branch of every step,
 * the next step and what blocks the module.
 */
import { STAGE_MESSAGES as S } from '../../../src/domain/messages/workshops-stage';
import { moduleStage, type ModuleFacts, type StageSession, type StepCode } from '../../../src/domain/workshops/stage';

const NOW = new Date('2026-11-27T14:00:00Z');
const LATER = new Date('2026-12-01T23:00:00Z');

const accepted = (n: number): StageSession => ({ number: n, speakerAnswer: 'Aceptó', invitation: 'enviado' });

/** A module that went through everything: B01–B05 done. */
function facts(over: Partial<ModuleFacts> = {}): ModuleFacts {
  return {
    status: 'Inscripción abierta',
    sessions: [accepted(1), accepted(2)],
    programmeSentAt: '20/11/2026 10:00',
    subDirectorEmailSet: true,
    directionEmailSet: true,
    banner: 'Validado',
    registrationUrl: 'https://docs.google.com/forms/d/e/x/viewform?entry.1=M-1',
    invitations: { pending: 0, sent: 120, failed: 0, uncertain: 0 },
    registrants: { confirmed: 42, waiting: 0, review: 0, capacity: 60 },
    firstStart: LATER,
    now: NOW,
    ...over,
  };
}

function step(f: ModuleFacts, code: StepCode) {
  const s = moduleStage(f).steps.find((x) => x.code === code);
  if (!s) throw new Error(`no ${code}`);
  return [s.state, s.text];
}

describe('moduleStage', () => {
  test('all done: B01–B05 hecho, next is to follow the registrations, nothing blocks', () => {
    const st = moduleStage(facts());
    expect(st.steps.map((s) => [s.code, s.state, s.stateLabel])).toEqual([
      ['B01', 'hecho', 'Hecho'],
      ['B02', 'hecho', 'Hecho'],
      ['B03', 'hecho', 'Hecho'],
      ['B04', 'hecho', 'Hecho'],
      ['B05', 'hecho', 'Hecho'],
    ]);
    expect(st.current).toBeNull();
    expect(st.blockers).toEqual([]);
    expect(st.next).toBe(S.followRegistrations);
    expect(st.line).toBe(`B05 de B05 · ${S.followRegistrations}`);
    expect(step(facts(), 'B05')).toEqual(['hecho', 'Inscritos 42 de 60 · 120 invitaciones enviadas.']);
  });

  test('a new module without sessions: B01 pending, B02/B03 blocked by it', () => {
    const f = facts({ sessions: [], programmeSentAt: '', banner: '', registrationUrl: '', status: 'Borrador' });
    const st = moduleStage(f);
    expect(step(f, 'B01')).toEqual(['pendiente', S.noSessions]);
    expect(step(f, 'B02')).toEqual(['bloqueado', S.needsSessions]);
    expect(step(f, 'B03')).toEqual(['bloqueado', S.needsSessions]);
    expect(step(f, 'B04')).toEqual(['pendiente', S.bannerNotRequested]);
    expect(step(f, 'B05')).toEqual(['bloqueado', S.waitsForBanner]);
    expect(st.current).toBe('B01');
    expect(st.line).toBe(`B01 de B05 · Siguiente: ${S.addSessions}`);
    expect(st.blockers).toEqual([S.needsSessions, S.waitsForBanner]);
  });

  describe('B02 speakers', () => {
    test('a decline blocks, names the session, and is the next step', () => {
      const f = facts({ sessions: [accepted(1), { number: 2, speakerAnswer: 'Declinó', invitation: 'enviado' }] });
      expect(step(f, 'B02')).toEqual(['bloqueado', 'Un ponente declinó la sesión 2: cambie el ponente («Editar») e invítelo.']);
      const st = moduleStage(f);
      expect(st.line).toBe(`B02 de B05 · Siguiente: ${S.changeSpeaker}`);
      expect(st.blockers).toEqual(['Un ponente declinó la sesión 2: cambie el ponente («Editar») e invítelo.']);
    });
    test('two declines are named together', () => {
      const d = (n: number): StageSession => ({ number: n, speakerAnswer: 'Declinó', invitation: 'enviado' });
      expect(step(facts({ sessions: [d(3), accepted(2), d(1)] }), 'B02')[1]).toBe(
        'Los ponentes de las sesiones 1 y 3 declinaron: cambie los ponentes («Editar») e invítelos.',
      );
    });
    test('an invitation whose send is uncertain blocks until reviewed', () => {
      const f = facts({ sessions: [accepted(1), { number: 2, speakerAnswer: 'Pendiente', invitation: 'enviando' }] });
      expect(step(f, 'B02')).toEqual(['bloqueado', S.invitationUncertain([2])]);
      expect(moduleStage(f).next).toBe(S.reviewInvitation);
    });
    test('nobody invited: pending; some invited: in progress; both say to invite', () => {
      const none = facts({ sessions: [{ number: 1, speakerAnswer: 'Pendiente', invitation: '' }, { number: 2, speakerAnswer: 'Pendiente', invitation: 'error' }] });
      expect(step(none, 'B02')).toEqual(['pendiente', '2 ponentes sin invitar.']);
      expect(moduleStage(none).next).toBe(S.invite);
      const some = facts({ sessions: [accepted(1), { number: 2, speakerAnswer: 'Pendiente', invitation: 'pendiente' }] });
      expect(step(some, 'B02')).toEqual(['en curso', '1 de 2 ponentes invitados.']);
      expect(moduleStage(some).next).toBe(S.invite);
    });
    test('all invited, answers awaited: in progress, and the next step moves on to B03', () => {
      const f = facts({ sessions: [accepted(1), { number: 2, speakerAnswer: 'Pendiente', invitation: 'enviado' }], programmeSentAt: '' });
      expect(step(f, 'B02')).toEqual(['en curso', 'Esperando la respuesta de 1 ponente.']);
      const st = moduleStage(f);
      expect(st.current).toBe('B02');
      expect(st.line).toBe(`B02 de B05 · Siguiente: ${S.sendProgramme}`);
    });
  });

  describe('B03 programme to the Sub Dirección', () => {
    test('not sent: pending, the next step', () => {
      const f = facts({ programmeSentAt: '' });
      expect(step(f, 'B03')).toEqual(['pendiente', S.programmeNotSent]);
      expect(moduleStage(f).line).toBe('B03 de B05 · Siguiente: enviar la programación a la Sub Dirección');
    });
    test('no Sub Dirección address: blocked, says where to configure it; the next step skips to B04', () => {
      const f = facts({ programmeSentAt: '', subDirectorEmailSet: false, banner: '' });
      expect(step(f, 'B03')).toEqual(['bloqueado', 'Configure el correo de la Sub Dirección en «Configuración».']);
      const st = moduleStage(f);
      expect(st.line).toBe(`B03 de B05 · Siguiente: ${S.requestBanner}`);
      expect(st.blockers).toEqual([S.subDirectorMissing, S.waitsForBanner]);
    });
    test('sent: done with its date', () => {
      expect(step(facts(), 'B03')).toEqual(['hecho', 'Programación enviada el 20/11/2026 10:00.']);
    });
  });

  describe('B04 banner', () => {
    test('not requested; no Dirección address; requested; received; validated', () => {
      expect(step(facts({ banner: '' }), 'B04')).toEqual(['pendiente', S.bannerNotRequested]);
      expect(moduleStage(facts({ banner: '' })).next).toBe(S.requestBanner);
      expect(step(facts({ banner: '', directionEmailSet: false }), 'B04')).toEqual(['bloqueado', S.directionMissing]);
      expect(step(facts({ banner: 'Solicitado' }), 'B04')).toEqual(['en curso', S.bannerRequested]);
      expect(moduleStage(facts({ banner: 'Solicitado' })).next).toBe(S.markReceived);
      expect(step(facts({ banner: 'Recibido' }), 'B04')).toEqual(['en curso', S.bannerReceived]);
      expect(moduleStage(facts({ banner: 'Recibido' })).next).toBe(S.markValidated);
      expect(step(facts(), 'B04')).toEqual(['hecho', S.bannerValidated]);
    });
    test('nothing to do anywhere (only blocked steps without an action): the next step points at the blockers', () => {
      const f = facts({ programmeSentAt: '', subDirectorEmailSet: false, banner: '', directionEmailSet: false });
      const st = moduleStage(f);
      expect(st.next).toBe(S.unblock);
      expect(st.blockers).toEqual([S.subDirectorMissing, S.directionMissing, S.waitsForBanner]);
    });
  });

  describe('B05 registration and invitations', () => {
    test('the invitations wait for the banner, even with registration open', () => {
      expect(step(facts({ banner: 'Recibido' }), 'B05')).toEqual(['bloqueado', 'Las invitaciones esperan la validación del banner.']);
    });
    test('registration not open: by state, or without its link', () => {
      expect(step(facts({ status: 'Borrador' }), 'B05')).toEqual(['pendiente', S.registrationClosed]);
      expect(step(facts({ registrationUrl: '' }), 'B05')).toEqual(['pendiente', S.registrationClosed]);
      expect(moduleStage(facts({ status: 'Borrador' })).line).toBe(`B05 de B05 · Siguiente: ${S.openRegistration}`);
    });
    test('invitations that failed or are uncertain block', () => {
      const f = facts({ invitations: { pending: 0, sent: 10, failed: 1, uncertain: 1 } });
      expect(step(f, 'B05')).toEqual(['bloqueado', '2 invitaciones no salieron: revise la pestaña «Invitaciones».']);
      expect(moduleStage(f).next).toBe(S.reviewFailedInvitations);
    });
    test('registrations to review', () => {
      const f = facts({ registrants: { confirmed: 3, waiting: 0, review: 1, capacity: 60 } });
      expect(step(f, 'B05')).toEqual(['en curso', '1 inscripción espera su revisión (pestaña «Inscripciones»).']);
      expect(moduleStage(f).next).toBe(S.reviewRegistrants);
    });
    test('no invitation yet; invitations still going out', () => {
      const none = facts({ invitations: { pending: 0, sent: 0, failed: 0, uncertain: 0 } });
      expect(step(none, 'B05')).toEqual(['en curso', S.noInvitations]);
      expect(moduleStage(none).next).toBe(S.sendInvitations);
      const going = facts({ invitations: { pending: 30, sent: 90, failed: 0, uncertain: 0 } });
      expect(step(going, 'B05')).toEqual(['en curso', 'Invitaciones: 90 enviadas, 30 por enviar.']);
      expect(moduleStage(going).next).toBe(S.nothingToDo);
    });
    test('full: the summary says the new ones go to the waiting list', () => {
      const f = facts({ registrants: { confirmed: 60, waiting: 5, review: 0, capacity: 60 } });
      expect(step(f, 'B05')).toEqual(['hecho', `Inscritos 60 de 60 · 5 en espera · 120 invitaciones enviadas. ${S.full}`]);
    });
  });

  describe('after the first session started', () => {
    test('B05 says how registration ended; the next step is the sessions', () => {
      const f = facts({ now: LATER });
      const st = moduleStage(f);
      expect(step(f, 'B05')).toEqual(['hecho', 'Inscripción cerrada: el módulo empezó con 42 de 60 inscritos.']);
      expect(st.next).toBe(S.inProgress);
      expect(st.line).toBe(`B05 de B05 · ${S.inProgress}`);
    });
    test('a module that started without registration says so', () => {
      const f = facts({ status: 'En curso', registrationUrl: '', registrants: { confirmed: 0, waiting: 0, review: 0, capacity: 60 } });
      expect(step(f, 'B05')).toEqual(['bloqueado', S.registrationNotOpenedBeforeStart]);
    });
    test('a closed module', () => {
      expect(moduleStage(facts({ status: 'Cerrado' })).next).toBe(S.closed);
    });
  });

  test('a cancelled module has no steps: its line says so', () => {
    expect(moduleStage(facts({ status: 'Cancelado' }))).toEqual({ steps: [], current: null, next: '', blockers: [], line: S.cancelled });
  });
});
