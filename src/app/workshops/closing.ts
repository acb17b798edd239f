/**
 * B11, the closing (issue 12, item 7): the order in which participants present their projects in
 * the closing session ('Sesión de cierre', or the module's last session), each one's slot, and the
 * emails — «Turno de presentación» to each presenter, «Orden de presentación» to the session's
 * speaker and to the consultant who sends it.
 *
 * - `closingView`: the closing session, the presenters in order with their slots and what each was
 *   sent, and the confirmed registrants who could be added. Read only.
 * - `saveClosingOrder(ids)`: under the script lock, writes 'Orden de presentación' (1, 2, …) and
 *   'Turno de presentación' ('18:20–18:30') on the listed registrations and clears them on the
 *   module's others; audited. An empty list clears the order (the volunteers are proposed again).
 * - `sendClosingOrder`: under the lock, saves the order shown if none was saved, then sends each
 *   email once through sendOnce (journal kind 'cierre') and records it in 'Envíos de sesiones'
 *   (ID `<TP|OP>/<sessionId>/<registrationId or address>`, the slot or order it announced in
 *   'Detalle'). Pressed again with nothing changed, nobody gets anything. After a change, only the
 *   presenters whose slot changed get a new «Turno de presentación» (saying it replaces the earlier
 *   one; its journal key carries the new slot), and the speaker and the consultant get the new
 *   order (saying it is updated). A send left ambiguous goes to 'Revisión' and is never resent.
 */
import { CLOSING_AUDIT as A, CLOSING_MESSAGES as M, orderEmail, slotEmail, type ClosingLine } from '../../domain/messages/workshops-silnet';
import { formatLimaDateTime } from '../../domain/lima-time';
import { REGISTRATIONS_TAB, REVIEW_TAB, SESSION_MAILS_TAB, SESSIONS_TAB, MODULES_TAB, SETTINGS_TAB, type RegistrationKey, type SessionMailKey } from '../../domain/schema';
import { MissingColumnError, type FieldValue, type TableRow } from '../../domain/table';
import { cleanText } from '../../domain/text';
import { normaliseEmail } from '../../domain/validation';
import { checkOrder, CLOSING_MAIL_CODES as CODE, currentPresenters, orderKey, presentationSlots, slotKey, type Slot } from '../../domain/workshops/closing';
import { closingSession } from '../../domain/workshops/progress';
import { LockBusyError, type AuditLog, type Clock, type KeyValueStore, type Lock, type Mailer, type RowChange, type Session, type Workbooks } from '../../ports';
import { clearJournal, sendOnce, type DeliveryOutcome } from '../delivery';
import { recordReview } from '../review';
import { readSettings } from '../settings';
import { recordedRole } from '../setup';
import { dateOf, int, text } from './cells';
import { progressSession } from './progress';

export interface ClosingDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
  session: Session;
  mailer: Mailer;
  audit: AuditLog;
}

export interface PresenterView {
  id: string;
  name: string;
  order: number;
  slot: string;
  /** Asked to present at registration. */
  volunteered: boolean;
  /** Its «Turno de presentación»: '' never sent, 'enviado', 'enviando' (por revisar), 'error', 'cambió' (sent, slot changed since). */
  mail: string;
}

export interface ClosingView {
  moduleId: string;
  moduleName: string;
  session: { id: string; number: number; when: string; speaker: string; speakerEmail: string; over: boolean } | null;
  minutes: number;
  presenters: PresenterView[];
  /** Confirmed registrants not in the order (to add). */
  others: { id: string; name: string; volunteered: boolean }[];
  /** The order went to the speaker/consultant, and it is the one shown. */
  orderSent: boolean;
}

export type ClosingResult = { ok: boolean; message: string; view?: ClosingView };

function isTrue(v: unknown): boolean {
  return v === true || /^(true|verdadero|sí|si)$/i.test(text(v));
}

interface Reading {
  moduleId: string;
  moduleName: string;
  whatsappUrl: string;
  session: { id: string; number: number; start: Date; end: Date; speaker: string; speakerEmail: string; meetUrl: string } | null;
  confirmed: TableRow<RegistrationKey>[];
  all: TableRow<RegistrationKey>[];
  minutes: number;
  mails: Map<string, TableRow<SessionMailKey>>;
}

function read(deps: ClosingDeps, moduleId: string, fresh: boolean): Reading | null {
  const wb = deps.workbooks.current();
  const modules = wb.table(MODULES_TAB);
  if (!modules.exists()) return null;
  const m = modules.read({ fresh }).byId.get(moduleId);
  if (!m) return null;
  const sessions = wb.table(SESSIONS_TAB);
  const rows = sessions.exists() ? sessions.read({ fresh }).rows.filter((r) => r.id !== '' && text(r.record.moduleId) === moduleId) : [];
  const closing = closingSession(rows.map(progressSession));
  const row = closing ? rows.find((r) => r.id === closing.id) : undefined;
  const regs = wb.table(REGISTRATIONS_TAB);
  const all = regs.exists() ? regs.read({ fresh }).rows.filter((r) => r.id !== '' && text(r.record.moduleId) === moduleId) : [];
  const mailsTable = wb.table(SESSION_MAILS_TAB);
  const mails = new Map<string, TableRow<SessionMailKey>>();
  if (mailsTable.exists()) for (const r of mailsTable.read({ fresh }).rows) if (r.id) mails.set(r.id, r);
  const { settings } = readSettings(wb.table(SETTINGS_TAB));
  return {
    moduleId,
    moduleName: text(m.record.name),
    whatsappUrl: text(m.record.whatsappUrl),
    session:
      closing && row
        ? {
            id: closing.id,
            number: closing.number,
            start: closing.start!,
            end: closing.end!,
            speaker: text(row.record.speaker),
            speakerEmail: text(row.record.speakerEmail),
            meetUrl: text(row.record.meetUrl),
          }
        : null,
    confirmed: all.filter((r) => text(r.record.status) === 'Inscrito'),
    all,
    minutes: settings.presentationMinutes,
    mails,
  };
}

function presenterIds(r: Reading): string[] {
  const rank = new Map(
    [...r.confirmed].sort((a, b) => (dateOf(a.record.registeredAt)?.getTime() ?? Infinity) - (dateOf(b.record.registeredAt)?.getTime() ?? Infinity)).map((row, i) => [row.id, i]),
  );
  return currentPresenters(
    r.confirmed.map((row) => ({
      registrationId: row.id,
      status: 'Inscrito',
      presentsProject: isTrue(row.record.presentsProject),
      order: int(row.record.presentationOrder),
      registeredRank: rank.get(row.id) ?? 0,
    })),
  );
}

const slotRowId = (sessionId: string, registrationId: string) => `${CODE.slot}/${sessionId}/${registrationId}`;
const orderRowId = (sessionId: string, address: string) => `${CODE.order}/${sessionId}/${address}`;
/** 'Detalle' of a sent row: what it announced, then its key (the last ' · ' part). */
const keyOf = (note: unknown) => text(note).split(' · ').pop() ?? '';

function slotsOf(r: Reading, ids: readonly string[]): Slot[] {
  return r.session ? presentationSlots(ids, r.session.start, r.minutes) : [];
}

function nameOf(r: Reading, id: string): string {
  return text(r.all.find((row) => row.id === id)?.record.fullName);
}

function orderSignature(r: Reading, slots: readonly Slot[]): string {
  return r.session ? orderKey(slots, slots.map((s) => nameOf(r, s.registrationId)), r.session.start) : '';
}

function viewOf(r: Reading, consultant: string): ClosingView {
  const ids = presenterIds(r);
  const slots = slotsOf(r, ids);
  const inOrder = new Set(ids);
  const presenters = slots.map((s): PresenterView => {
    const row = r.all.find((x) => x.id === s.registrationId);
    const mail = r.session ? r.mails.get(slotRowId(r.session.id, s.registrationId)) : undefined;
    const delivery = text(mail?.record.delivery);
    const changed = delivery === 'enviado' && r.session !== null && keyOf(mail?.record.note) !== slotKey(s, r.session.start);
    return { id: s.registrationId, name: text(row?.record.fullName), order: s.order, slot: s.text, volunteered: isTrue(row?.record.presentsProject), mail: changed ? 'cambió' : delivery };
  });
  const orderRow = r.session && consultant ? r.mails.get(orderRowId(r.session.id, consultant)) : undefined;
  const anyOrder = r.session ? [...r.mails.values()].find((m) => m.id.startsWith(`${CODE.order}/${r.session!.id}/`) && text(m.record.delivery) === 'enviado') : undefined;
  const sentKey = keyOf((orderRow ?? anyOrder)?.record.note);
  return {
    moduleId: r.moduleId,
    moduleName: r.moduleName,
    session: r.session
      ? { id: r.session.id, number: r.session.number, when: formatLimaDateTime(r.session.start), speaker: r.session.speaker, speakerEmail: r.session.speakerEmail, over: false }
      : null,
    minutes: r.minutes,
    presenters,
    others: r.confirmed.filter((row) => !inOrder.has(row.id)).map((row) => ({ id: row.id, name: text(row.record.fullName), volunteered: isTrue(row.record.presentsProject) })),
    orderSent: sentKey !== '' && slots.length > 0 && sentKey === orderSignature(r, slots),
  };
}

function talleres(deps: ClosingDeps): boolean {
  return recordedRole(deps.properties) === 'talleres';
}

/** The closing's screen: session, presenters with slots, and who can be added. Read only. */
export function closingView(deps: ClosingDeps, rawId: unknown): ClosingResult {
  const id = cleanText(rawId, 80);
  if (!talleres(deps)) return { ok: false, message: M.notFound };
  const r = read(deps, id, false);
  if (!r) return { ok: false, message: M.notFound };
  const view = viewOf(r, normaliseEmail(deps.session.userEmail()) ?? '');
  if (view.session && r.session) view.session.over = r.session.end.getTime() <= deps.clock.now().getTime();
  return { ok: true, message: '', view };
}

function withModule(deps: ClosingDeps, rawId: unknown, fn: (r: Reading, id: string) => ClosingResult): ClosingResult {
  const id = cleanText(rawId, 80);
  const refuse = (message: string): ClosingResult => {
    deps.audit.record({ action: A.refused, target: id, result: 'Sin efecto', detail: message });
    return { ok: false, message };
  };
  if (!talleres(deps)) return refuse(M.notFound);
  try {
    return deps.lock.withLock(() => {
      const r = read(deps, id, true);
      if (!r) return refuse(M.notFound);
      if (!r.session) return refuse(M.noClosing);
      return fn(r, id);
    });
  } catch (e) {
    if (e instanceof LockBusyError) return refuse(M.lockBusy);
    if (e instanceof MissingColumnError) return refuse(e.message);
    throw e;
  }
}

/** Writes the order and the slots (listed rows) and clears them elsewhere in the module. */
function writeOrder(deps: ClosingDeps, r: Reading, ids: readonly string[], now: Date): number {
  const slots = slotsOf(r, ids);
  const bySlot = new Map(slots.map((s) => [s.registrationId, s]));
  const changes: RowChange<RegistrationKey>[] = [];
  for (const row of r.all) {
    const s = bySlot.get(row.id);
    const order: FieldValue = s ? s.order : '';
    const slot: FieldValue = s ? s.text : '';
    const had = int(row.record.presentationOrder);
    if ((s ? s.order : 0) === had && text(row.record.presentationSlot) === slot) continue;
    changes.push({ id: row.id, fields: { presentationOrder: order, presentationSlot: slot, updatedAt: now } });
  }
  if (changes.length > 0) deps.workbooks.current().table(REGISTRATIONS_TAB).update(changes, { mode: 'span' });
  return changes.length;
}

/** «Guardar orden»: the list as the consultant left it (added, removed, reordered). */
export function saveClosingOrder(deps: ClosingDeps, rawId: unknown, rawIds: unknown): ClosingResult {
  return withModule(deps, rawId, (r, id) => {
    const checked = checkOrder(rawIds, new Set(r.confirmed.map((row) => row.id)));
    if (!checked.ok) {
      const message = M[checked.problem];
      deps.audit.record({ action: A.refused, target: id, result: 'Sin efecto', detail: message });
      return { ok: false, message };
    }
    const now = deps.clock.now();
    const changed = writeOrder(deps, r, checked.ids, now);
    deps.audit.record({ action: A.saved, target: id, result: changed > 0 ? 'Correcto' : 'Sin cambios', detail: `${checked.ids.length} expositores` });
    const after = read(deps, id, false)!;
    return { ok: true, message: M.saved(checked.ids.length), view: viewOf(after, normaliseEmail(deps.session.userEmail()) ?? '') };
  });
}

interface Outgoing {
  rowId: string;
  journalId: string;
  kind: 'Turno de presentación' | 'Orden de presentación';
  registrationId: string;
  email: string;
  note: string;
  mail: { subject: string; text: string; html: string; senderName: string };
}

/** «Enviar orden de presentación»: each email once (see the module comment). */
export function sendClosingOrder(deps: ClosingDeps, rawId: unknown): ClosingResult {
  return withModule(deps, rawId, (r, id) => {
    const session = r.session!;
    const now = deps.clock.now();
    if (session.end.getTime() <= now.getTime()) {
      deps.audit.record({ action: A.refused, target: id, result: 'Sin efecto', detail: M.closingOver });
      return { ok: false, message: M.closingOver };
    }
    const ids = presenterIds(r);
    if (ids.length === 0) {
      deps.audit.record({ action: A.refused, target: id, result: 'Sin efecto', detail: M.noPresenters });
      return { ok: false, message: M.noPresenters };
    }
    writeOrder(deps, r, ids, now);
    const slots = slotsOf(r, ids);
    const when = formatLimaDateTime(session.start);
    const out: Outgoing[] = [];
    for (const s of slots) {
      const row = r.all.find((x) => x.id === s.registrationId)!;
      const email = normaliseEmail(row.record.email);
      const rowId = slotRowId(session.id, s.registrationId);
      const key = slotKey(s, session.start);
      const before = r.mails.get(rowId);
      if (before && keyOf(before.record.note) === key && text(before.record.delivery) !== 'error' && text(before.record.delivery) !== 'pendiente') continue;
      if (!email) continue;
      const change = before !== undefined && text(before.record.delivery) === 'enviado';
      out.push({
        rowId,
        journalId: `${rowId}#${key}`,
        kind: 'Turno de presentación',
        registrationId: s.registrationId,
        email,
        note: `Turno ${s.order} · ${s.text} · ${key}`,
        mail: slotEmail({ fullName: text(row.record.fullName), moduleName: r.moduleName, when, slot: s.text, order: s.order, total: slots.length, minutes: r.minutes, meetUrl: session.meetUrl, change, whatsappUrl: r.whatsappUrl }),
      });
    }
    const lines: ClosingLine[] = slots.map((s) => ({ order: s.order, name: nameOf(r, s.registrationId), slot: s.text }));
    const oKey = orderSignature(r, slots);
    const consultant = normaliseEmail(deps.session.userEmail());
    const speaker = normaliseEmail(session.speakerEmail);
    const notes: string[] = [];
    if (!speaker) notes.push(M.noSpeakerEmail);
    for (const address of [...new Set([speaker, consultant].filter((a): a is string => !!a))]) {
      const rowId = orderRowId(session.id, address);
      const before = r.mails.get(rowId);
      if (before && keyOf(before.record.note) === oKey && text(before.record.delivery) !== 'error' && text(before.record.delivery) !== 'pendiente') continue;
      const change = before !== undefined && text(before.record.delivery) === 'enviado';
      out.push({
        rowId,
        journalId: `${rowId}#${oKey}`,
        kind: 'Orden de presentación',
        registrationId: '',
        email: address,
        note: `${slots.length} expositores · ${oKey}`,
        mail: orderEmail({ moduleName: r.moduleName, when, lines, minutes: r.minutes, change }),
      });
    }

    const mails = deps.workbooks.current().table(SESSION_MAILS_TAB);
    if (!mails.exists()) throw new MissingColumnError(SESSION_MAILS_TAB.name, []);
    const appends: Partial<Record<SessionMailKey, FieldValue>>[] = [];
    const updates: RowChange<SessionMailKey>[] = [];
    const review: { tipo: string; referencia: string; detalle: string }[] = [];
    const sentIds: string[] = [];
    let slotsSent = 0;
    let ordersSent = 0;
    let failed = 0;
    let ambiguous = 0;
    for (const o of out) {
      const outcome: DeliveryOutcome = sendOnce({ mailer: deps.mailer, journal: deps.properties, clock: deps.clock }, 'cierre', o.journalId, { to: o.email, ...o.mail });
      const delivery = outcome.status === 'enviado' ? 'enviado' : outcome.status === 'ambiguo' ? 'enviando' : 'error';
      const fields: Partial<Record<SessionMailKey, FieldValue>> = {
        kind: o.kind,
        sessionId: session.id,
        moduleId: id,
        registrationId: o.registrationId,
        email: o.email,
        delivery,
        sentAt: outcome.status === 'enviado' ? outcome.at : '',
        note: outcome.status === 'enviado' ? o.note : `${outcome.message} · ${o.note}`,
      };
      if (r.mails.has(o.rowId)) updates.push({ id: o.rowId, fields });
      else appends.push({ id: o.rowId, ...fields });
      const action = o.kind === 'Turno de presentación' ? A.slot : A.order;
      if (outcome.status === 'enviado') {
        sentIds.push(o.journalId);
        if (o.kind === 'Turno de presentación') slotsSent++;
        else ordersSent++;
        deps.audit.record({ action, target: o.rowId, result: 'Correcto', detail: o.note });
      } else if (outcome.status === 'ambiguo') {
        ambiguous++;
        review.push({ tipo: A.ambiguous, referencia: o.journalId, detalle: `${o.kind} (${r.moduleName}) a ${o.email}: ${outcome.message}` });
        deps.audit.record({ action, target: o.rowId, result: 'Por revisar', detail: outcome.message });
      } else {
        failed++;
        deps.audit.record({ action, target: o.rowId, result: 'Error', detail: outcome.message });
      }
    }
    if (updates.length > 0) mails.update(updates);
    if (appends.length > 0) mails.append(appends);
    // The sheet now records what went out (its 'Detalle' carries the key): the journal can forget it.
    clearJournal(deps.properties, 'cierre', sentIds);
    const reviewTable = deps.workbooks.current().table(REVIEW_TAB);
    if (review.length > 0 && reviewTable.exists()) recordReview(reviewTable, review, now);
    deps.audit.record({ action: A.sent, target: id, result: failed + ambiguous > 0 ? 'Por revisar' : slotsSent + ordersSent > 0 ? 'Correcto' : 'Sin cambios', detail: `${slotsSent} turnos, ${ordersSent} órdenes` });
    const after = read(deps, id, false)!;
    const message = [M.sent(slotsSent, ordersSent), ...notes, failed > 0 ? M.failed(failed) : '', ambiguous > 0 ? M.interrupted : ''].filter(Boolean).join(' ');
    return { ok: failed + ambiguous === 0, message, view: viewOf(after, consultant ?? '') };
  });
}
