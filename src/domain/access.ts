/**
 * Who may do what (docs/access-model.md): the team's roles and the one rule every entry point
 * passes before it touches anything.
 *
 * Two roles. A **coordinador(a)** runs setup, the settings, the team list, the sibling, the
 * triggers, deletions of personal data and the self-check. A **consultor(a)** works their own
 * day (import, walk-ins, their appointments, surveys, personal-data look-ups and corrections);
 * another consultant's appointment only through an explicit, audited "atender en lugar de".
 * Everyone else is refused. The team lives in the spreadsheet's document properties, which only
 * the script writes; the sheet shows a read-only mirror of it.
 *
 * Pure: the entry layer gathers the facts (who is calling, the stored team, whether a genuine
 * trigger started the execution) and this module decides.
 */
import { normaliseEmail } from './validation';

export type TeamRole = 'coordinador' | 'consultor';
export const TEAM_ROLES: readonly TeamRole[] = ['coordinador', 'consultor'];

export interface TeamMember {
  /** Lower-case Google account. */
  email: string;
  /** Name as the platform's report writes it in its 'Consultor' column ('' if none). */
  name: string;
  roles: TeamRole[];
}

export interface Team {
  members: TeamMember[];
  /** ISO time and account of the last change (audit has the details). */
  updatedAt: string;
  updatedBy: string;
}

/**
 * What an entry point requires of its caller; each global function declares exactly one
 * (src/entry/access-table.ts).
 * - anyone: shows or returns nothing of the service's data (the menu, "Acerca de").
 * - member: a consultant or a coordinator of this spreadsheet.
 * - coordinator: a coordinator of this spreadsheet.
 * - setup: a coordinator; before any team exists, the spreadsheet's owner (or, where the file
 *   has no owner, as in a shared drive, whoever runs setup first) — who becomes its first coordinator.
 * - trigger: only an installable trigger of this project owned by the account the execution
 *   runs as; never the panel, a menu or the editor.
 * - link: anyone on the internet (the web app's doGet/doPost); acts only on a valid signed
 *   token, checked by the web app's router (src/app/webapp/router.ts, docs/web-app.md).
 */
export type Requirement = 'anyone' | 'member' | 'coordinator' | 'setup' | 'trigger' | 'link';

export interface CallerFacts {
  /** The active user's email, '' when Google does not say. */
  email: string;
  team: Team | null;
  /** True / false when the spreadsheet's owner is known; null when the file has none (shared drive). */
  isOwner: boolean | null;
  /** The execution was started by one of this project's installable triggers for this function. */
  genuineTrigger: boolean;
}

export type RefusalReason = 'no-identity' | 'not-member' | 'not-coordinator' | 'not-trigger' | 'not-owner';

export type AccessDecision =
  | { allowed: true; member: TeamMember | null; bootstrap: boolean }
  | { allowed: false; reason: RefusalReason };

/** A Google account as compared here: a valid address, lower-case (accounts ignore case). */
export function accountKey(raw: string): string | null {
  return normaliseEmail(raw)?.toLowerCase() ?? null;
}

export function memberOf(team: Team | null, email: string): TeamMember | null {
  const e = accountKey(email);
  if (!team || !e) return null;
  return team.members.find((m) => m.email === e) ?? null;
}

export function hasRole(member: TeamMember | null, role: TeamRole): boolean {
  return member !== null && member.roles.includes(role);
}

export function isCoordinator(team: Team | null, email: string): boolean {
  return hasRole(memberOf(team, email), 'coordinador');
}

export function decideAccess(req: Requirement, facts: CallerFacts): AccessDecision {
  if (req === 'anyone' || req === 'link') return { allowed: true, member: memberOf(facts.team, facts.email), bootstrap: false };
  if (req === 'trigger') return facts.genuineTrigger ? { allowed: true, member: null, bootstrap: false } : { allowed: false, reason: 'not-trigger' };
  if (!accountKey(facts.email)) return { allowed: false, reason: 'no-identity' };
  const member = memberOf(facts.team, facts.email);
  if (req === 'setup' && (facts.team === null || !facts.team.members.some((m) => m.roles.includes('coordinador')))) {
    // Bootstrap: nobody is coordinator yet. The owner (or anyone, where the file has no owner) starts.
    return facts.isOwner === false ? { allowed: false, reason: 'not-owner' } : { allowed: true, member, bootstrap: true };
  }
  if (req === 'member') return member && member.roles.length > 0 ? { allowed: true, member, bootstrap: false } : { allowed: false, reason: 'not-member' };
  return hasRole(member, 'coordinador') ? { allowed: true, member, bootstrap: false } : { allowed: false, reason: 'not-coordinator' };
}

// ---------------------------------------------------------------------------- the stored team

/** Reads the stored JSON leniently: anything malformed counts as no team (setup then bootstraps). */
export function parseTeam(json: string | null): Team | null {
  if (!json) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object' || !Array.isArray((raw as Team).members)) return null;
  const r = raw as Partial<Team>;
  const members: TeamMember[] = [];
  for (const m of r.members ?? []) {
    const email = accountKey(String((m as TeamMember)?.email ?? ''));
    if (!email || members.some((x) => x.email === email)) continue;
    const roles = TEAM_ROLES.filter((role) => Array.isArray((m as TeamMember).roles) && (m as TeamMember).roles.includes(role));
    members.push({ email, name: cleanName((m as TeamMember).name), roles });
  }
  return { members, updatedAt: String(r.updatedAt ?? ''), updatedBy: String(r.updatedBy ?? '') };
}

export function serialiseTeam(team: Team): string {
  return JSON.stringify(team);
}

function cleanName(v: unknown): string {
  return String(v ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
}

export interface MemberInput {
  email: string;
  name?: string;
  roles: readonly string[];
}

export type TeamChange =
  | { ok: true; team: Team; member: TeamMember; previous: TeamMember | null }
  | { ok: false; problem: 'email' | 'roles' | 'last-coordinator' | 'name' };

/** Adds or replaces one member. The team always keeps at least one coordinator. */
export function upsertMember(team: Team, input: MemberInput, by: string, at: string): TeamChange {
  const email = accountKey(String(input.email ?? ''));
  if (!email) return { ok: false, problem: 'email' };
  const roles = TEAM_ROLES.filter((r) => Array.isArray(input.roles) && input.roles.includes(r));
  if (roles.length === 0) return { ok: false, problem: 'roles' };
  const name = cleanName(input.name);
  if (/^[=+\-@]/.test(name) || /[<>]/.test(name)) return { ok: false, problem: 'name' };
  const previous = team.members.find((m) => m.email === email) ?? null;
  const member: TeamMember = { email, name, roles };
  const members = previous ? team.members.map((m) => (m.email === email ? member : m)) : [...team.members, member];
  if (!members.some((m) => m.roles.includes('coordinador'))) return { ok: false, problem: 'last-coordinator' };
  return { ok: true, team: { members, updatedAt: at, updatedBy: by }, member, previous };
}

export function removeMember(team: Team, email: string, by: string, at: string): TeamChange | { ok: false; problem: 'not-found' } {
  const e = accountKey(String(email ?? ''));
  const previous = e ? team.members.find((m) => m.email === e) ?? null : null;
  if (!previous) return { ok: false, problem: 'not-found' };
  const members = team.members.filter((m) => m.email !== e);
  if (!members.some((m) => m.roles.includes('coordinador'))) return { ok: false, problem: 'last-coordinator' };
  return { ok: true, team: { members, updatedAt: at, updatedBy: by }, member: previous, previous };
}

/** The team a first setup starts with: the person running it as coordinator and consultant. */
export function foundingTeam(email: string, at: string, consultants: readonly { email: string; name: string }[] = []): Team {
  const founder = accountKey(email) ?? '';
  const members: TeamMember[] = [];
  const listed = consultants.find((c) => accountKey(c.email) === founder);
  members.push({ email: founder, name: cleanName(listed?.name ?? ''), roles: ['coordinador', 'consultor'] });
  for (const c of consultants) {
    const e = accountKey(c.email);
    if (!e || members.some((m) => m.email === e)) continue;
    members.push({ email: e, name: cleanName(c.name), roles: ['consultor'] });
  }
  return { members, updatedAt: at, updatedBy: founder };
}

/** The consultants as the rest of the product knows them (settings' `consultants`). */
export function teamConsultants(team: Team | null): { email: string; name: string }[] {
  return (team?.members ?? []).filter((m) => m.roles.includes('consultor')).map((m) => ({ email: m.email, name: m.name }));
}
