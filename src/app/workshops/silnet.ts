/**
 * B10 (issue 12, item 6): the Silnet upload file and its confirmation, and the WhatsApp contacts.
 *
 * - «Exportar para Silnet» (`exportSilnet`): the module's participants — marked present in at
 *   least one session ('Asistencia') — whose registration is 'Inscrito' or 'Retirado' (they did
 *   attend) and not yet 'Registrado en Silnet', in the layout of the setting 'Columnas de carga a
 *   Silnet', as CSV and XLSX (src/domain/workshops/silnet.ts). Read only; the answer carries the
 *   export's ID and its registration IDs.
 * - «Confirmar carga en Silnet» (`confirmSilnetUpload`): with that ID and those IDs (the HMAC
 *   must match, so a list changed on the way is refused), under the script lock, each listed
 *   registration still not marked gets 'Registrado en Silnet' = true and its date, in one update;
 *   audited with the export's ID. A second confirmation of the same export changes nothing
 *   (idempotent); people who attended after the export are not marked: they go in the next one.
 * - «Contactos para WhatsApp» (`whatsappContacts`): the confirmed registrants ('Inscrito') as a
 *   Google Contacts CSV and a vCard file, for adding them to the module's group by hand (groups
 *   cannot be created by API). The group's invite link ('Grupo de WhatsApp' in «Módulos») already
 *   goes into the registration confirmations (src/domain/messages/registration.ts).
 *
 * The files carry personal data: they go to the consultant's browser only (never to Drive or a
 * log); each export is audited with its count, not its names.
 */
import { SILNET_AUDIT as A, SILNET_MESSAGES as M } from '../../domain/messages/workshops-silnet';
import { ATTENDANCE_TAB, MODULES_TAB, REGISTRATIONS_TAB, SESSIONS_TAB, SETTINGS_TAB, type RegistrationKey } from '../../domain/schema';
import { MissingColumnError, type TableRow } from '../../domain/table';
import { cleanText } from '../../domain/text';
import { toContactsCsv, toVcards, mobileE164, type ContactPerson } from '../../domain/workshops/contacts';
import { fileSafe, parseSilnetLayout, silnetExportId, silnetFileName, silnetTable, toCsv, toXlsxBase64, type SilnetPerson } from '../../domain/workshops/silnet';
import { constantTimeEqual } from '../../domain/ids';
import { LockBusyError, type AuditLog, type Clock, type KeyValueStore, type Lock, type Workbooks } from '../../ports';
import { readSettings } from '../settings';
import { recordedRole } from '../setup';
import { signingSecret } from '../signing';
import { dateOf, text } from './cells';

export interface SilnetDeps {
  workbooks: Workbooks;
  /** Document properties: the recorded role and the signing secret. */
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
  audit: AuditLog;
}

/** The module's Silnet and WhatsApp state for the panel. */
export interface SilnetStatus {
  moduleId: string;
  moduleName: string;
  /** People marked present in at least one session. */
  attendees: number;
  /** Of them, not yet 'Registrado en Silnet'. */
  pending: number;
  registered: number;
  /** 'Inscrito' rows (the WhatsApp contacts). */
  confirmed: number;
  whatsappUrl: string;
  /** What the panel says under «Grupo de WhatsApp» when the link is missing ('' when it is there). */
  whatsappHint: string;
}

export type SilnetStatusResult = { ok: true; status: SilnetStatus } | { ok: false; message: string };

export interface SilnetExport {
  ok: true;
  message: string;
  /** Problems with the layout setting (entries left out), each a sentence. */
  warnings: string[];
  count: number;
  /** Identity of this export: send it back with `registrationIds` to confirm it. */
  exportId: string;
  registrationIds: string[];
  /** The people's names in the file's order (the panel shows who is in it). */
  names: string[];
  csvName: string;
  /** The CSV text, starting with the BOM. */
  csv: string;
  xlsxName: string;
  xlsxBase64: string;
  status: SilnetStatus;
}

export type SilnetExportResult = SilnetExport | { ok: false; message: string; status?: SilnetStatus };

export type SilnetConfirmResult = { ok: boolean; message: string; marked: number; status?: SilnetStatus };

export type ContactsResult =
  | { ok: true; message: string; count: number; csvName: string; csv: string; vcfName: string; vcf: string; whatsappUrl: string }
  | { ok: false; message: string };

interface ModuleFacts {
  id: string;
  name: string;
  whatsappUrl: string;
}

interface Reading {
  module: ModuleFacts;
  registrations: TableRow<RegistrationKey>[];
  /** Registration ID → first session attended (its start, or the mark's time). */
  attended: Map<string, Date | null>;
}

function isTrue(v: unknown): boolean {
  return v === true || /^(true|verdadero|sí|si)$/i.test(text(v));
}

function talleresProblem(deps: SilnetDeps): string | null {
  return recordedRole(deps.properties) === 'talleres' ? null : M.notTalleres;
}

function read(deps: SilnetDeps, moduleId: string, fresh: boolean): Reading | null {
  const wb = deps.workbooks.current();
  const modules = wb.table(MODULES_TAB);
  if (!modules.exists()) return null;
  const row = modules.read({ fresh }).byId.get(moduleId);
  if (!row) return null;
  const module = { id: row.id, name: text(row.record.name), whatsappUrl: text(row.record.whatsappUrl) };
  const regTable = wb.table(REGISTRATIONS_TAB);
  const registrations = regTable.exists() ? regTable.read({ fresh }).rows.filter((r) => r.id !== '' && text(r.record.moduleId) === moduleId) : [];
  const starts = new Map<string, Date | null>();
  const sessions = wb.table(SESSIONS_TAB);
  if (sessions.exists()) for (const s of sessions.read().rows) if (text(s.record.moduleId) === moduleId) starts.set(s.id, dateOf(s.record.start));
  const attended = new Map<string, Date | null>();
  const attendance = wb.table(ATTENDANCE_TAB);
  if (attendance.exists()) {
    for (const a of attendance.read({ fresh }).rows) {
      if (text(a.record.moduleId) !== moduleId || !isTrue(a.record.present)) continue;
      const reg = text(a.record.registrationId);
      if (!reg) continue;
      const at = starts.get(text(a.record.sessionId)) ?? dateOf(a.record.checkinAt) ?? dateOf(a.record.recordedAt);
      const before = attended.get(reg);
      if (before === undefined || (at && (!before || at.getTime() < before.getTime()))) attended.set(reg, at ?? before ?? null);
    }
  }
  return { module, registrations, attended };
}

/** Participants: attended at least once; confirmed or withdrawn after attending (never annulled or waiting). */
function participants(r: Reading): TableRow<RegistrationKey>[] {
  return r.registrations.filter((row) => r.attended.has(row.id) && ['Inscrito', 'Retirado'].includes(text(row.record.status)));
}

function statusOf(r: Reading): SilnetStatus {
  const list = participants(r);
  const registered = list.filter((row) => isTrue(row.record.silnet)).length;
  return {
    moduleId: r.module.id,
    moduleName: r.module.name,
    attendees: list.length,
    pending: list.length - registered,
    registered,
    confirmed: r.registrations.filter((row) => text(row.record.status) === 'Inscrito').length,
    whatsappUrl: r.module.whatsappUrl,
    whatsappHint: r.module.whatsappUrl ? '' : M.noWhatsapp,
  };
}

/** The module's Silnet and WhatsApp counts, for the panel. Read only. */
export function silnetStatus(deps: SilnetDeps, rawId: unknown): SilnetStatusResult {
  const problem = talleresProblem(deps);
  if (problem) return { ok: false, message: problem };
  const r = read(deps, cleanText(rawId, 80), false);
  return r ? { ok: true, status: statusOf(r) } : { ok: false, message: M.notFound };
}

function person(row: TableRow<RegistrationKey>, firstAttended: Date | null): SilnetPerson {
  const v = row.record;
  return {
    registrationId: row.id,
    documentType: text(v.documentType),
    dni: text(v.dni),
    fullName: text(v.fullName),
    email: text(v.email),
    phone: text(v.phone),
    region: text(v.region),
    sector: text(v.sector),
    businessStage: text(v.businessStage),
    firstAttended,
  };
}

/** «Exportar para Silnet»: the files of the participants not yet registered there. */
export function exportSilnet(deps: SilnetDeps, rawId: unknown): SilnetExportResult {
  const problem = talleresProblem(deps);
  if (problem) return { ok: false, message: problem };
  const id = cleanText(rawId, 80);
  try {
    const r = read(deps, id, false);
    if (!r) return { ok: false, message: M.notFound };
    const status = statusOf(r);
    const pending = participants(r)
      .filter((row) => !isTrue(row.record.silnet))
      .sort((a, b) => text(a.record.fullName).localeCompare(text(b.record.fullName), 'es') || (a.id < b.id ? -1 : 1));
    if (pending.length === 0) return { ok: false, message: M.nobodyPending, status };
    const { settings } = readSettings(deps.workbooks.current().table(SETTINGS_TAB));
    const layout = parseSilnetLayout(settings.silnetColumns);
    const warnings = [...(layout.ignored.length > 0 ? [M.layoutIgnored(layout.ignored)] : []), ...(layout.usedDefault ? [M.layoutDefault] : [])];
    const people = pending.map((row) => person(row, r.attended.get(row.id) ?? null));
    const table = silnetTable(layout.columns, people, r.module.name);
    const ids = pending.map((row) => row.id);
    // The secret may have to be created: under the lock (src/app/signing.ts).
    const secret = deps.lock.withLock(() => signingSecret(deps.properties));
    const exportId = silnetExportId(secret, id, ids);
    const now = deps.clock.now();
    deps.audit.record({ action: A.exported, target: id, result: 'Correcto', detail: `${ids.length} participantes; exportación ${exportId}` });
    return {
      ok: true,
      message: M.exported(ids.length),
      warnings,
      count: ids.length,
      exportId,
      registrationIds: ids,
      names: people.map((p) => p.fullName),
      csvName: silnetFileName(r.module.name, now, 'csv'),
      csv: toCsv(table),
      xlsxName: silnetFileName(r.module.name, now, 'xlsx'),
      xlsxBase64: toXlsxBase64(table, 'Silnet'),
      status,
    };
  } catch (e) {
    if (e instanceof LockBusyError) return { ok: false, message: M.lockBusy };
    if (e instanceof MissingColumnError) return { ok: false, message: e.message };
    throw e;
  }
}

/** «Confirmar carga en Silnet»: marks exactly the people of that export (see the module comment). */
export function confirmSilnetUpload(deps: SilnetDeps, rawId: unknown, rawExportId: unknown, rawIds: unknown): SilnetConfirmResult {
  const problem = talleresProblem(deps);
  if (problem) return { ok: false, message: problem, marked: 0 };
  const id = cleanText(rawId, 80);
  const exportId = cleanText(rawExportId, 40);
  const ids = Array.isArray(rawIds) && rawIds.length <= 5000 ? rawIds.map((x) => cleanText(x, 80)) : null;
  const refuse = (message: string): SilnetConfirmResult => {
    deps.audit.record({ action: A.refused, target: id, result: 'Sin efecto', detail: message });
    return { ok: false, message, marked: 0 };
  };
  if (!ids || ids.length === 0 || !exportId) return refuse(M.badExport);
  try {
    return deps.lock.withLock(() => {
      const expected = silnetExportId(signingSecret(deps.properties), id, ids);
      if (!constantTimeEqual(expected, exportId)) return refuse(M.badExport);
      const r = read(deps, id, true);
      if (!r) return refuse(M.notFound);
      const byId = new Map(r.registrations.map((row) => [row.id, row]));
      const now = deps.clock.now();
      const toMark: string[] = [];
      let already = 0;
      let missing = 0;
      for (const reg of new Set(ids)) {
        const row = byId.get(reg);
        if (!row) missing++;
        else if (isTrue(row.record.silnet)) already++;
        else toMark.push(reg);
      }
      if (toMark.length > 0) {
        deps.workbooks
          .current()
          .table(REGISTRATIONS_TAB)
          .update(
            toMark.map((reg) => ({ id: reg, fields: { silnet: true, silnetAt: now, updatedAt: now } })),
            { mode: 'span' },
          );
      }
      deps.audit.record({
        action: A.confirmed,
        target: id,
        result: toMark.length > 0 ? 'Correcto' : 'Sin cambios',
        detail: `exportación ${exportId}: ${toMark.length} marcadas, ${already} ya registradas${missing > 0 ? `, ${missing} ya no están` : ''}`,
      });
      const after = read(deps, id, false);
      const message = (toMark.length > 0 ? M.confirmed(toMark.length, already) : M.confirmedNothing(already)) + (missing > 0 ? ` ${M.missingRows(missing)}` : '');
      return { ok: true, message, marked: toMark.length, ...(after ? { status: statusOf(after) } : {}) };
    });
  } catch (e) {
    if (e instanceof LockBusyError) return { ok: false, message: M.lockBusy, marked: 0 };
    if (e instanceof MissingColumnError) return { ok: false, message: e.message, marked: 0 };
    throw e;
  }
}

/** «Contactos para WhatsApp»: the confirmed registrants as CSV (Google Contacts) and vCard. Read only. */
export function whatsappContacts(deps: SilnetDeps, rawId: unknown): ContactsResult {
  const problem = talleresProblem(deps);
  if (problem) return { ok: false, message: problem };
  const id = cleanText(rawId, 80);
  const r = read(deps, id, false);
  if (!r) return { ok: false, message: M.notFound };
  const people: ContactPerson[] = r.registrations
    .filter((row) => text(row.record.status) === 'Inscrito')
    .map((row) => ({ fullName: text(row.record.fullName), phone: text(row.record.phone), email: text(row.record.email) }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'es'));
  if (people.length === 0) return { ok: false, message: M.noContacts };
  const withoutMobile = people.filter((p) => mobileE164(p.phone) === null).length;
  const group = r.module.name;
  const day = silnetFileName(r.module.name, deps.clock.now(), 'csv').replace(/^silnet-/, 'contactos-');
  deps.audit.record({ action: A.contacts, target: id, result: 'Correcto', detail: `${people.length} contactos` });
  return {
    ok: true,
    message: M.contacts(people.length, withoutMobile) + (r.module.whatsappUrl ? '' : ` ${M.noWhatsapp}`),
    count: people.length,
    csvName: day,
    csv: toContactsCsv(people, group),
    vcfName: day.replace(/\.csv$/, '.vcf'),
    vcf: toVcards(people, group),
    whatsappUrl: r.module.whatsappUrl,
  };
}

/** For tests and the integrator: the file-safe form of a module's name. */
export { fileSafe };
