import { makeTestEnv, nextExecution } from '../../emulator/testing';
import { Session } from '../../emulator/services/session';

/** Session, host-side. Reference: developers.google.com/apps-script/reference/base/session. */
describe('Session (reference/base/session)', () => {
  test('active and effective user are the user the execution runs as', () => {
    const env = makeTestEnv({ user: 'consultora@trabajo.gob.pe' });
    const s = new Session(env);
    expect(s.getActiveUser().getEmail()).toBe('consultora@trabajo.gob.pe');
    expect(s.getEffectiveUser().getEmail()).toBe('consultora@trabajo.gob.pe');
    const asOwner = new Session(nextExecution(env, 'time', 'duena@trabajo.gob.pe'));
    expect(asOwner.getEffectiveUser().getEmail()).toBe('duena@trabajo.gob.pe');
  });

  test('script time zone comes from the manifest; the locale is Spanish', () => {
    expect(new Session(makeTestEnv({ manifest: { timeZone: 'America/Lima' } })).getScriptTimeZone()).toBe('America/Lima');
    expect(new Session(makeTestEnv({ manifest: { timeZone: 'Europe/Madrid' } })).getScriptTimeZone()).toBe('Europe/Madrid');
    expect(new Session(makeTestEnv()).getActiveUserLocale()).toBe('es');
  });

  test('the temporary user key is stable per user and project and does not reveal the email', () => {
    const env = makeTestEnv();
    const key = new Session(env).getTemporaryActiveUserKey();
    expect(new Session(nextExecution(env)).getTemporaryActiveUserKey()).toBe(key);
    expect(new Session(nextExecution(env, 'editor', 'otra@trabajo.gob.pe')).getTemporaryActiveUserKey()).not.toBe(key);
    expect(key).not.toContain('@');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
