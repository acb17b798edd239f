/**
 * Where a module stands in B01–B05 (issue 11, item 6): from the facts the panel already reads
 * (its sessions and their speakers' answers, the programme sent to the Sub Dirección, the banner,
 * the registration, the invitations and the registrants), each step's state — hecho, en curso,
 * pendiente or bloqueado — with one short Spanish sentence, the next thing to do and what blocks
 * the module. Pure: src/app/workshops/module-view.ts gathers the facts.
 *
 *   B01 sessions saved → B02 speakers invited and accepted → B03 programme sent → B04 banner
 *   validated → B05 registration open, invitations out.
 *
 * B03 and B04 may go in parallel with B02, so "Siguiente" is the first step not done that has
 * something for the consultant to do (a step that only waits — for the speakers' answers, for the
 * invitation job — has nothing); a step that cannot move is 'bloqueado' and its sentence says why.
 * Once the first session has started the registration is over: B05 says how it ended and the next
 * step is the sessions themselves (B06 onwards).
 */
import { STAGE_MESSAGES as S, STEP_STATE_LABELS, STEP_TITLES } from '../messages/workshops-stage';
import type { BannerState } from './banner';
import type { RunningFacts } from './progress';

export const STEP_CODES = ['B01', 'B02', 'B03', 'B04', 'B05'] as const;
/** B10 (Silnet) and B11 (the closing) join the checklist once the sessions open them (issue 12, item 5). */
export const RUNNING_STEP_CODES = ['B10', 'B11'] as const;
export type StepCode = (typeof STEP_CODES)[number] | (typeof RUNNING_STEP_CODES)[number];
export type StepState = 'hecho' | 'en curso' | 'pendiente' | 'bloqueado';

/** The module state in which registration is open (src/domain/schema.ts MODULE_STATES). */
export const REGISTRATION_OPEN = 'Inscripción abierta';

export interface StageSession {
  number: number;
  /** 'Aceptó' | 'Declinó' | 'Pendiente' */
  speakerAnswer: string;
  /** The speaker invitation's delivery state: '' / 'pendiente' / 'enviando' / 'enviado' / 'error'. */
  invitation: string;
}

export interface ModuleFacts {
  /** The module's state ('Borrador', 'Inscripción abierta', 'En curso', 'Cerrado', 'Cancelado'). */
  status: string;
  /** Its live sessions (cancelled ones left out). */
  sessions: readonly StageSession[];
  /** When the programme went to the Sub Dirección, as Lima text ('' never). */
  programmeSentAt: string;
  /** 'Correo de la Sub Dirección' and 'Correo de la Dirección (banners)' hold a valid address. */
  subDirectorEmailSet: boolean;
  directionEmailSet: boolean;
  banner: BannerState | '';
  /** 'Enlace de inscripción' ('' none). */
  registrationUrl: string;
  /** The module's rows of 'Invitaciones' by delivery state ('' counts as pending). */
  invitations: { pending: number; sent: number; failed: number; uncertain: number };
  /** 'Inscrito', 'En lista de espera', 'Por revisar' rows, and the module's 'Cupos'. */
  registrants: { confirmed: number; waiting: number; review: number; capacity: number };
  firstStart: Date | null;
  now: Date;
  /**
   * Issue 12 (B09 → B10/B11): where the sessions are, the Silnet marks and the closing's order
   * (src/domain/workshops/progress.ts). Absent: «Siguiente paso» after the start stays general.
   */
  running?: RunningFacts;
  /**
   * C02: an external workshop (kind 'Externo'): approved by the Sub Dirección with the request, no
   * banner, no invitations — the institution shares the registration link with its people.
   */
  external?: boolean;
}

export interface StageStep {
  code: StepCode;
  title: string;
  state: StepState;
  /** 'Hecho', 'En curso', 'Pendiente', 'Bloqueado' (shown as text, never as a colour alone). */
  stateLabel: string;
  text: string;
}

export interface ModuleStage {
  /** B01–B05 in order, then B10 and B11 once the sessions opened them (none for a cancelled module). */
  steps: StageStep[];
  /** The first step not done (null: all done, or the module is cancelled). */
  current: StepCode | null;
  /** "Siguiente paso", lower case to follow «Siguiente:» ('' for a cancelled module). */
  next: string;
  /** "Qué lo bloquea": each blocked step's sentence, in order. */
  blockers: string[];
  /** The list's compact line: 'B03 de B05 · Siguiente: solicitar el banner a la Dirección'. */
  line: string;
}

interface Decision {
  state: StepState;
  text: string;
  /** What the consultant does to move this step ('' when it only waits, or is done). */
  action: string;
}

const done = (text: string): Decision => ({ state: 'hecho', text, action: '' });

function b01(f: ModuleFacts): Decision {
  if (f.sessions.length === 0) return { state: 'pendiente', text: S.noSessions, action: S.addSessions };
  return done(S.sessionsSaved(f.sessions.length));
}

function b02(f: ModuleFacts): Decision {
  if (f.sessions.length === 0) return { state: 'bloqueado', text: S.needsSessions, action: '' };
  const numbers = (keep: (s: StageSession) => boolean) => f.sessions.filter(keep).map((s) => s.number).sort((a, b) => a - b);
  const declined = numbers((s) => s.speakerAnswer === 'Declinó');
  if (declined.length > 0) return { state: 'bloqueado', text: S.declined(declined), action: S.changeSpeaker };
  const uncertain = numbers((s) => s.invitation === 'enviando');
  if (uncertain.length > 0) return { state: 'bloqueado', text: S.invitationUncertain(uncertain), action: S.reviewInvitation };
  const invited = f.sessions.filter((s) => s.invitation === 'enviado').length;
  if (invited === 0) return { state: 'pendiente', text: S.noneInvited(f.sessions.length), action: S.invite };
  if (invited < f.sessions.length) return { state: 'en curso', text: S.someInvited(invited, f.sessions.length), action: S.invite };
  const waiting = f.sessions.filter((s) => s.speakerAnswer !== 'Aceptó').length;
  if (waiting > 0) return { state: 'en curso', text: S.waitingAnswers(waiting), action: '' };
  return done(S.allAccepted);
}

function b03(f: ModuleFacts): Decision {
  if (f.external) return done(S.externalApproved);
  if (f.programmeSentAt) return done(S.programmeSent(f.programmeSentAt));
  if (f.sessions.length === 0) return { state: 'bloqueado', text: S.needsSessions, action: '' };
  if (!f.subDirectorEmailSet) return { state: 'bloqueado', text: S.subDirectorMissing, action: '' };
  return { state: 'pendiente', text: S.programmeNotSent, action: S.sendProgramme };
}

function b04(f: ModuleFacts): Decision {
  if (f.external) return done(S.externalNoBanner);
  switch (f.banner) {
    case 'Validado':
      return done(S.bannerValidated);
    case 'Recibido':
      return { state: 'en curso', text: S.bannerReceived, action: S.markValidated };
    case 'Solicitado':
      return { state: 'en curso', text: S.bannerRequested, action: S.markReceived };
    default:
      if (!f.directionEmailSet) return { state: 'bloqueado', text: S.directionMissing, action: '' };
      return { state: 'pendiente', text: S.bannerNotRequested, action: S.requestBanner };
  }
}

function b05(f: ModuleFacts, started: boolean): Decision {
  const r = f.registrants;
  if (started) {
    const wasOpen = f.registrationUrl !== '' || r.confirmed > 0;
    return wasOpen ? done(S.started(r.confirmed, r.capacity)) : { state: 'bloqueado', text: S.registrationNotOpenedBeforeStart, action: '' };
  }
  if (f.external) {
    if (f.status !== REGISTRATION_OPEN || f.registrationUrl === '') return { state: 'pendiente', text: S.registrationClosed, action: S.externalWaitsForJob };
    if (r.review > 0) return { state: 'en curso', text: S.registrantsToReview(r.review), action: S.reviewRegistrants };
    const summary = S.externalRegistration(r.confirmed, r.capacity, r.waiting);
    return done(r.capacity > 0 && r.confirmed >= r.capacity ? `${summary} ${S.full}` : summary);
  }
  if (f.banner !== 'Validado') return { state: 'bloqueado', text: S.waitsForBanner, action: '' };
  if (f.status !== REGISTRATION_OPEN || f.registrationUrl === '') return { state: 'pendiente', text: S.registrationClosed, action: S.openRegistration };
  const inv = f.invitations;
  if (inv.failed + inv.uncertain > 0) return { state: 'bloqueado', text: S.invitationsFailed(inv.failed + inv.uncertain), action: S.reviewFailedInvitations };
  if (r.review > 0) return { state: 'en curso', text: S.registrantsToReview(r.review), action: S.reviewRegistrants };
  if (inv.sent + inv.pending === 0) return { state: 'en curso', text: S.noInvitations, action: S.sendInvitations };
  if (inv.pending > 0) return { state: 'en curso', text: S.invitationsPending(inv.sent, inv.pending), action: '' };
  const summary = S.registrationSummary(r.confirmed, r.capacity, r.waiting, inv.sent);
  return done(r.capacity > 0 && r.confirmed >= r.capacity ? `${summary} ${S.full}` : summary);
}

/** The module's B01–B05 checklist, its next step and what blocks it. */
export function moduleStage(f: ModuleFacts): ModuleStage {
  if (f.status === 'Cancelado') return { steps: [], current: null, next: '', blockers: [], line: S.cancelled };
  const started = f.status === 'En curso' || f.status === 'Cerrado' || (f.firstStart !== null && f.now.getTime() >= f.firstStart.getTime());
  const decisions: Record<(typeof STEP_CODES)[number], Decision> = { B01: b01(f), B02: b02(f), B03: b03(f), B04: b04(f), B05: b05(f, started) };
  const steps: StageStep[] = STEP_CODES.map((code) => ({
    code,
    title: STEP_TITLES[code],
    state: decisions[code].state,
    stateLabel: STEP_STATE_LABELS[decisions[code].state],
    text: decisions[code].text,
  }));
  const blockers = [...new Set(steps.filter((s) => s.state === 'bloqueado').map((s) => s.text))];
  const current = steps.find((s) => s.state !== 'hecho')?.code ?? null;
  if (started && f.running) return runningStage(f.running, f.status, steps, current, blockers);
  if (started) {
    const next = f.status === 'Cerrado' ? S.closed : S.inProgress;
    return { steps, current, next, blockers, line: S.lineDone(next) };
  }
  const withAction = STEP_CODES.find((c) => decisions[c].state !== 'hecho' && decisions[c].action !== '');
  if (current === null) return { steps, current, next: S.followRegistrations, blockers, line: S.lineDone(S.followRegistrations) };
  const next = withAction ? decisions[withAction].action : blockers.length > 0 ? S.unblock : S.nothingToDo;
  return { steps, current, next, blockers, line: S.line(current, next) };
}

// ---------------------------------------------------------------------------- issue 12: B09 → B10 / B11

function runningStep(code: 'B10' | 'B11', state: StepState, text: string): StageStep {
  return { code, title: STEP_TITLES[code], state, stateLabel: STEP_STATE_LABELS[state], text };
}

/**
 * After the first session: B10 (Silnet) opens once a session has ended, B11 (the closing) once
 * every session before the closing one has ended. «Siguiente paso» is, in order: the attendees
 * still to register in Silnet, the closing's order still to send (or its presenters to choose),
 * the next session, and once all ended, that the module is closed.
 */
function runningStage(r: RunningFacts, status: string, base: StageStep[], current: StepCode | null, blockers: string[]): ModuleStage {
  const steps = [...base];
  if (r.sessionsEnded > 0) {
    steps.push(
      r.silnetPending > 0
        ? runningStep('B10', 'pendiente', S.silnetPending(r.silnetPending))
        : r.silnetDone > 0
          ? runningStep('B10', 'hecho', S.silnetDone(r.silnetDone))
          : runningStep('B10', 'en curso', S.silnetNobody),
    );
  }
  const allEnded = r.sessionsTotal > 0 && r.sessionsEnded >= r.sessionsTotal;
  if (r.closingOpen) {
    steps.push(
      r.closingSent
        ? runningStep('B11', 'hecho', S.closingSent(r.presenters))
        : r.presenters > 0
          ? runningStep('B11', 'pendiente', S.closingToSend(r.presenters))
          : runningStep('B11', allEnded ? 'hecho' : 'pendiente', S.closingNoPresenters),
    );
  }
  let next: string;
  let at: string;
  if (r.sessionsEnded > 0 && r.silnetPending > 0) {
    next = S.registerSilnet(r.silnetPending);
    at = 'B10';
  } else if (r.closingOpen && !r.closingSent && !allEnded) {
    next = r.presenters > 0 ? S.sendClosingOrder : S.choosePresenters;
    at = 'B11';
  } else if (r.nextSession) {
    next = S.nextSession(r.nextSession.number, r.nextSession.start);
    at = 'B09';
  } else {
    next = status === 'Cerrado' || allEnded ? S.closed : S.inProgress;
    at = allEnded ? 'B11' : 'B09';
  }
  return { steps, current, next, blockers, line: S.lineRunning(at, next) };
}
