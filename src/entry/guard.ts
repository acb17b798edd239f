/**
 * The access check every global function passes first (docs/access-model.md).
 *
 * `guarded(name, how, fn)` runs `fn` with a fresh context only when the caller meets what
 * src/entry/access-table.ts declares for `name`; otherwise the refusal is audited (who, which
 * function, why) and the caller gets one Spanish sentence that says nothing of what exists.
 */
import { decideAccess, memberOf, type AccessDecision, type RefusalReason, type TeamMember } from '../domain/access';
import { ACCESS_AUDIT, ACCESS_MESSAGES } from '../domain/messages/access';
import { readTeam } from '../app/team';
import { isGenuineTrigger } from '../gas/trigger-proof';
import { ENTRY_ACCESS, type EntryName } from './access-table';
import { withContext, type Context } from './context';

/** A refused call. Its message is the only thing the caller learns. */
export class AccessDeniedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessDeniedError';
  }
}

export interface Granted {
  email: string;
  member: TeamMember | null;
  bootstrap: boolean;
}

const REASON_DETAIL: Record<RefusalReason, string> = {
  'no-identity': 'sin cuenta identificada',
  'not-member': 'no figura en el equipo',
  'not-coordinator': 'no es coordinador(a)',
  'not-trigger': 'no la inició un activador del sistema',
  'not-owner': 'no es propietario(a) de la hoja (primera configuración)',
};

/** A stranger learns nothing; a member of the team asking for a coordinator's function is told so. */
function messageFor(reason: RefusalReason, isMember: boolean): string {
  if (reason === 'no-identity') return ACCESS_MESSAGES.noIdentity;
  if (reason === 'not-trigger') return ACCESS_MESSAGES.triggerOnly;
  if (reason === 'not-coordinator' && isMember) return ACCESS_MESSAGES.coordinatorOnly;
  return ACCESS_MESSAGES.refused;
}

/** Decides for `name` in this execution; audits and throws on refusal. */
export function authorize(ctx: Context, name: EntryName, event?: unknown): Granted {
  const requirement = ENTRY_ACCESS[name];
  // No identity is asked where none is required: a trigger, 'anyone', and the web app's 'link'
  // (whose visitor is anonymous: the signed token is the only credential, checked by its router).
  const anonymous = requirement === 'trigger' || requirement === 'anyone' || requirement === 'link';
  const email = anonymous ? '' : ctx.session.userEmail();
  const team = anonymous ? null : readTeam(ctx.properties);
  const decision: AccessDecision = decideAccess(requirement, {
    email,
    team,
    isOwner: requirement === 'setup' ? ownerCheck(ctx, email) : null,
    genuineTrigger: requirement === 'trigger' ? isGenuineTrigger(event, name) : false,
  });
  if (decision.allowed) return { email, member: decision.member, bootstrap: decision.bootstrap };
  ctx.audit.record({
    action: ACCESS_AUDIT.refused,
    target: name,
    result: 'Sin efecto',
    detail: `${email || ctx.session.userEmail() || 'cuenta no identificada'}: ${REASON_DETAIL[decision.reason]}`,
  });
  const member = memberOf(team, email);
  throw new AccessDeniedError(messageFor(decision.reason, member !== null && member.roles.length > 0));
}

function ownerCheck(ctx: Context, email: string): boolean | null {
  const owner = ctx.workbooks.current().ownerEmail();
  return owner === null ? null : owner === email.trim().toLowerCase();
}

/** Runs `fn` for `name` once the caller is allowed (see the module comment). */
export function guarded<T>(name: EntryName, how: string, fn: (ctx: Context, granted: Granted) => T, event?: unknown): T {
  return withContext(how, (ctx) => fn(ctx, authorize(ctx, name, event)));
}
