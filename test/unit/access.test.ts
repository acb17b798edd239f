/** The access rule (src/domain/access.ts): who may call what, and how the team changes. */
import { decideAccess, foundingTeam, parseTeam, removeMember, teamConsultants, upsertMember, type CallerFacts, type Team } from '../../src/domain/access';

const AT = '2026-11-27T14:00:00.000Z';
const team: Team = {
  members: [
    { email: 'ana@trabajo.gob.pe', name: 'Ana Quispe', roles: ['coordinador', 'consultor'] },
    { email: 'luis@trabajo.gob.pe', name: 'Luis Ñique', roles: ['consultor'] },
  ],
  updatedAt: AT,
  updatedBy: 'ana@trabajo.gob.pe',
};
const facts = (email: string, more: Partial<CallerFacts> = {}): CallerFacts => ({ email, team, isOwner: false, genuineTrigger: false, ...more });

describe('decideAccess', () => {
  test('members: consultants and coordinators; everyone else refused, and nobody without an identity', () => {
    expect(decideAccess('member', facts('LUIS@trabajo.gob.pe'))).toMatchObject({ allowed: true });
    expect(decideAccess('member', facts('ana@trabajo.gob.pe'))).toMatchObject({ allowed: true });
    expect(decideAccess('member', facts('extrano@gmail.com'))).toEqual({ allowed: false, reason: 'not-member' });
    expect(decideAccess('member', facts(''))).toEqual({ allowed: false, reason: 'no-identity' });
  });

  test('coordinator-only functions refuse consultants', () => {
    expect(decideAccess('coordinator', facts('ana@trabajo.gob.pe'))).toMatchObject({ allowed: true });
    expect(decideAccess('coordinator', facts('luis@trabajo.gob.pe'))).toEqual({ allowed: false, reason: 'not-coordinator' });
  });

  test('setup: before any coordinator, the owner (or anyone where the file has no owner); after, coordinators only', () => {
    expect(decideAccess('setup', facts('x@gmail.com', { team: null, isOwner: false }))).toEqual({ allowed: false, reason: 'not-owner' });
    expect(decideAccess('setup', facts('x@gmail.com', { team: null, isOwner: true }))).toMatchObject({ allowed: true, bootstrap: true });
    expect(decideAccess('setup', facts('x@gmail.com', { team: null, isOwner: null }))).toMatchObject({ allowed: true, bootstrap: true });
    expect(decideAccess('setup', facts('luis@trabajo.gob.pe', { isOwner: true }))).toEqual({ allowed: false, reason: 'not-coordinator' });
    expect(decideAccess('setup', facts('ana@trabajo.gob.pe'))).toMatchObject({ allowed: true, bootstrap: false });
  });

  test('trigger-only functions need a genuine trigger, whoever calls', () => {
    expect(decideAccess('trigger', facts('ana@trabajo.gob.pe'))).toEqual({ allowed: false, reason: 'not-trigger' });
    expect(decideAccess('trigger', facts('', { genuineTrigger: true }))).toMatchObject({ allowed: true });
  });
});

describe('the team', () => {
  test('upsert adds or replaces; a name cannot be a formula or markup; roles are required', () => {
    const r = upsertMember(team, { email: ' Rosa@Trabajo.gob.pe ', name: 'Rosa  Ñahui', roles: ['consultor', 'admin'] }, 'ana@trabajo.gob.pe', AT);
    expect(r).toMatchObject({ ok: true, member: { email: 'rosa@trabajo.gob.pe', name: 'Rosa Ñahui', roles: ['consultor'] }, previous: null });
    expect(upsertMember(team, { email: 'rosa@trabajo.gob.pe', name: '=1+1', roles: ['consultor'] }, 'a', AT)).toEqual({ ok: false, problem: 'name' });
    expect(upsertMember(team, { email: 'no es correo', roles: ['consultor'] }, 'a', AT)).toEqual({ ok: false, problem: 'email' });
    expect(upsertMember(team, { email: 'rosa@trabajo.gob.pe', roles: [] }, 'a', AT)).toEqual({ ok: false, problem: 'roles' });
  });

  test('the last coordinator can neither be removed nor demoted', () => {
    expect(removeMember(team, 'ana@trabajo.gob.pe', 'ana@trabajo.gob.pe', AT)).toEqual({ ok: false, problem: 'last-coordinator' });
    expect(upsertMember(team, { email: 'ana@trabajo.gob.pe', roles: ['consultor'] }, 'a', AT)).toEqual({ ok: false, problem: 'last-coordinator' });
    expect(removeMember(team, 'luis@trabajo.gob.pe', 'ana@trabajo.gob.pe', AT)).toMatchObject({ ok: true });
    expect(removeMember(team, 'nadie@trabajo.gob.pe', 'ana@trabajo.gob.pe', AT)).toEqual({ ok: false, problem: 'not-found' });
  });

  test('the founding team: its founder coordinates and consults; earlier consultant rows are carried once', () => {
    const t = foundingTeam('Ana@trabajo.gob.pe', AT, [
      { email: 'ana@trabajo.gob.pe', name: 'Ana Quispe' },
      { email: 'luis@trabajo.gob.pe', name: 'Luis' },
      { email: 'mal', name: 'X' },
    ]);
    expect(t.members).toEqual([
      { email: 'ana@trabajo.gob.pe', name: 'Ana Quispe', roles: ['coordinador', 'consultor'] },
      { email: 'luis@trabajo.gob.pe', name: 'Luis', roles: ['consultor'] },
    ]);
    expect(teamConsultants(t).map((c) => c.email)).toEqual(['ana@trabajo.gob.pe', 'luis@trabajo.gob.pe']);
  });

  test('a malformed stored team reads as none; unknown roles and repeated emails are dropped', () => {
    expect(parseTeam('{no es json')).toBeNull();
    expect(parseTeam('{"members": 3}')).toBeNull();
    expect(parseTeam(JSON.stringify({ members: [{ email: 'A@x.pe', roles: ['root', 'consultor'] }, { email: 'a@x.pe', roles: ['coordinador'] }] }))!.members).toEqual([
      { email: 'a@x.pe', name: '', roles: ['consultor'] },
    ]);
  });
});

test("'link' (the web app): anyone, with no identity and no team — the signed token is checked by the router", () => {
  expect(decideAccess('link', { email: '', team: null, isOwner: null, genuineTrigger: false })).toEqual({ allowed: true, member: null, bootstrap: false });
  expect(decideAccess('link', { email: 'extrano@gmail.com', team: null, isOwner: false, genuineTrigger: false }).allowed).toBe(true);
});
