/**
 * The team of a spreadsheet (docs/access-model.md): who is a coordinator or a consultant here.
 *
 * The team is kept in document properties, which only the script writes (an editor of the sheet
 * cannot change them by typing), and mirrored read-only in the 'Equipo' tab, protected so only
 * the coordinators may edit it. Every change is made by a coordinator from the panel, under the
 * script lock, and audited. The rest of the product reads the consultants from here
 * (`loadSettings`), never from a sheet a person can edit.
 */
import {
  foundingTeam,
  memberOf,
  parseTeam,
  removeMember,
  serialiseTeam,
  teamConsultants,
  upsertMember,
  type MemberInput,
  type Team,
  type TeamMember,
  type TeamRole,
} from '../domain/access';
import { ACCESS_AUDIT as A, ACCESS_MESSAGES as M, ROLE_NAMES } from '../domain/messages/access';
import { SETTINGS_TAB, TEAM_TAB, type SettingsKey } from '../domain/schema';
import type { AuditLog, Clock, KeyValueStore, Lock, Session, Table, Workbook, Workbooks } from '../ports';
import { readSettings, type SettingsRead } from './settings';

/** Document property holding the team as JSON. */
export const TEAM_PROPERTY = 'SOE_TEAM';

/** Description of the 'Equipo' tab's protection (how setup finds it again). */
export const TEAM_PROTECTION = 'Emprendimiento: equipo y permisos (solo coordinación; se edita desde el panel)';
/** Description of the audit log's warning-only protection. */
export const AUDIT_PROTECTION = 'Emprendimiento: registro automático (no lo edite a mano)';
/** Description of the warning-only protection of a tab's system columns. */
export const SYSTEM_COLUMNS_PROTECTION = 'Emprendimiento: columnas del sistema (las completa el panel)';

/**
 * The team as this execution first read it. The access check reads it before anything else and
 * the use case needs it again (names, coordinator or not): one property read per execution, not
 * three. A change made by this execution replaces it (`rememberTeam`); one made meanwhile by
 * another execution is seen by the next call, as the access decision already was.
 */
const seen = new WeakMap<KeyValueStore, Team | null>();

export function readTeam(properties: KeyValueStore): Team | null {
  if (!seen.has(properties)) seen.set(properties, parseTeam(properties.get(TEAM_PROPERTY)));
  return seen.get(properties) ?? null;
}

/** Forgets what this store's executions read (in-memory test worlds reuse one store for many). */
export function forgetReadTeam(properties: KeyValueStore): void {
  seen.delete(properties);
}

function storeTeam(properties: KeyValueStore, team: Team): void {
  properties.setAll({ [TEAM_PROPERTY]: serialiseTeam(team) });
  seen.set(properties, team);
}

export function coordinatorEmails(team: Team | null): string[] {
  return (team?.members ?? []).filter((m) => m.roles.includes('coordinador')).map((m) => m.email);
}

/**
 * The settings as the use cases need them: 'Configuración' for the parameters, and the
 * consultants from the team (an editor typing a 'Consultor:' row there grants nothing).
 */
export function loadSettings(table: Table<SettingsKey>, properties: KeyValueStore): SettingsRead {
  const read = readSettings(table);
  return { ...read, settings: { ...read.settings, consultants: teamConsultants(readTeam(properties)) } };
}

/** Shorthand for use cases holding a workbook. */
export function loadBookSettings(book: Workbook, properties: KeyValueStore): SettingsRead {
  return loadSettings(book.table(SETTINGS_TAB), properties);
}

// ---------------------------------------------------------------------------- the mirror

function rolesText(roles: readonly TeamRole[]): string {
  return roles.map((r) => ROLE_NAMES[r]).join(', ');
}

/**
 * Rewrites the 'Equipo' tab from the team (rows by email; rows of people no longer in the team
 * are emptied) and protects it so only the coordinators can edit it. Call holding the lock.
 */
export function writeTeamMirror(book: Workbook, team: Team, now: Date): void {
  const table = book.table(TEAM_TAB);
  if (!table.exists()) return;
  const snapshot = table.read({ fresh: true });
  const changes = [];
  const seen = new Set<string>();
  for (const row of snapshot.rows) {
    if (row.id === '') continue;
    const m = team.members.find((x) => x.email === row.id.toLowerCase());
    seen.add(row.id.toLowerCase());
    const want = m ? { name: m.name, roles: rolesText(m.roles) } : { name: '', roles: '' };
    if (String(row.record.name ?? '') !== want.name || String(row.record.roles ?? '') !== want.roles) {
      changes.push({ id: row.id, fields: { ...want, updatedAt: now } });
    }
  }
  if (changes.length) table.update(changes);
  const fresh = team.members.filter((m) => !seen.has(m.email));
  if (fresh.length) table.append(fresh.map((m) => ({ email: m.email, name: m.name, roles: rolesText(m.roles), updatedAt: now })));
  book.protectTab(TEAM_TAB.name, { description: TEAM_PROTECTION, editors: coordinatorEmails(team) });
}

// ---------------------------------------------------------------------------- setup's part

/**
 * The first setup founds the team: the person running it becomes its first coordinator (and a
 * consultant), and the consultants a previous version listed in 'Configuración' ('Consultor:'
 * rows) are carried over once. Later setups keep the team as it is.
 */
export function ensureTeam(
  deps: { properties: KeyValueStore; clock: Clock; audit: AuditLog },
  founder: string,
  legacyConsultants: readonly { email: string; name: string }[],
  change: (action: string, target: string, sentence: string) => void,
): Team {
  const existing = readTeam(deps.properties);
  if (existing && existing.members.some((m) => m.roles.includes('coordinador'))) return existing;
  const team = foundingTeam(founder, deps.clock.now().toISOString(), legacyConsultants);
  storeTeam(deps.properties, team);
  change(A.teamCreated, founder, M.teamCreated(founder));
  const carried = team.members.length - 1;
  if (carried > 0) change(A.teamCreated, SETTINGS_TAB.name, M.teamMigrated(carried));
  return team;
}

// ---------------------------------------------------------------------------- the panel's screen

export interface TeamMemberView {
  email: string;
  name: string;
  roles: TeamRole[];
  rolesText: string;
  isYou: boolean;
}

export interface TeamView {
  members: TeamMemberView[];
  roleOptions: { value: TeamRole; label: string }[];
  updatedAt: string;
  updatedBy: string;
}

export interface TeamChangeResult {
  ok: boolean;
  message: string;
  team: TeamView;
}

export interface TeamDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
  session: Session;
  audit: AuditLog;
}

function view(team: Team | null, me: string): TeamView {
  return {
    members: (team?.members ?? []).map((m) => ({ email: m.email, name: m.name, roles: [...m.roles], rolesText: rolesText(m.roles), isYou: m.email === me })),
    roleOptions: (Object.keys(ROLE_NAMES) as TeamRole[]).map((r) => ({ value: r, label: ROLE_NAMES[r] })),
    updatedAt: team?.updatedAt ?? '',
    updatedBy: team?.updatedBy ?? '',
  };
}

export function getTeam(deps: Pick<TeamDeps, 'properties' | 'session'>): TeamView {
  return view(readTeam(deps.properties), deps.session.userEmail().toLowerCase());
}

function describe(m: TeamMember): string {
  return `${m.email} (${m.name || 'sin nombre'}): ${rolesText(m.roles)}`;
}

export function saveTeamMember(deps: TeamDeps, input: MemberInput): TeamChangeResult {
  const me = deps.session.userEmail().toLowerCase();
  return deps.lock.withLock(() => {
    // Under the lock, the stored team as it is now (another coordinator may have just changed it).
    const team = parseTeam(deps.properties.get(TEAM_PROPERTY)) ?? { members: [], updatedAt: '', updatedBy: '' };
    const r = upsertMember(team, input ?? { email: '', roles: [] }, me, deps.clock.now().toISOString());
    if (!r.ok) return { ok: false, message: M.teamProblem[r.problem], team: view(team, me) };
    storeTeam(deps.properties, r.team);
    writeTeamMirror(deps.workbooks.current(), r.team, deps.clock.now());
    deps.audit.record({
      action: A.memberSaved,
      target: r.member.email,
      result: 'Correcto',
      detail: r.previous ? `Antes: ${describe(r.previous)}. Ahora: ${describe(r.member)}.` : `Nuevo: ${describe(r.member)}.`,
    });
    return { ok: true, message: M.teamSaved(r.member.email), team: view(r.team, me) };
  });
}

export function removeTeamMember(deps: TeamDeps, email: string): TeamChangeResult {
  const me = deps.session.userEmail().toLowerCase();
  return deps.lock.withLock(() => {
    const team = parseTeam(deps.properties.get(TEAM_PROPERTY)) ?? { members: [], updatedAt: '', updatedBy: '' };
    const r = removeMember(team, String(email ?? ''), me, deps.clock.now().toISOString());
    if (!r.ok) return { ok: false, message: M.teamProblem[r.problem], team: view(team, me) };
    storeTeam(deps.properties, r.team);
    writeTeamMirror(deps.workbooks.current(), r.team, deps.clock.now());
    deps.audit.record({ action: A.memberRemoved, target: r.member.email, result: 'Correcto', detail: `Retirado: ${describe(r.member)}.` });
    return { ok: true, message: M.teamRemoved(r.member.email), team: view(r.team, me) };
  });
}

/** The member record of the person calling, for entry points that need their name. */
export function callerMember(properties: KeyValueStore, email: string): TeamMember | null {
  return memberOf(readTeam(properties), email);
}
