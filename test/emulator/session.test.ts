import { makeTestEnv, nextExecution } from '../../emulator/testing';
import { Session } from '../../emulator/services/session';
import { sheetsStore } from '../../emulator/services/sheets';
import { WorkspaceState } from '../../emulator/core/state';

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

  test('installable triggers: the effective user is the trigger owner, and so is the active user (#getEffectiveUser())', () => {
    const env = makeTestEnv({ user: 'consultora@trabajo.gob.pe' });
    for (const trigger of ['time', 'formSubmit', 'open'] as const) {
      const s = new Session(nextExecution(env, trigger, 'duena@trabajo.gob.pe'));
      expect([s.getActiveUser().getEmail(), s.getEffectiveUser().getEmail()]).toEqual(['duena@trabajo.gob.pe', 'duena@trabajo.gob.pe']);
    }
    for (const trigger of ['menu', 'sidebar', 'editor'] as const) {
      const s = new Session(nextExecution(env, trigger, 'consultora@trabajo.gob.pe'));
      expect([s.getActiveUser().getEmail(), s.getEffectiveUser().getEmail()]).toEqual(['consultora@trabajo.gob.pe', 'consultora@trabajo.gob.pe']);
    }
  });

  test("simple triggers: the email is '' unless the person owns the spreadsheet or shares its Workspace domain (#getActiveUser())", () => {
    const simple = (person: string, account: 'workspace' | 'consumer' = 'workspace') => {
      const state = new WorkspaceState({ now: Date.UTC(2026, 10, 27, 14, 0), seed: 1, account, user: person });
      const id = sheetsStore(state).createSpreadsheet('Atenciones', 'duena@trabajo.gob.pe');
      const s = new Session(makeTestEnv({ state, containerId: id, trigger: 'simple' }));
      return [s.getActiveUser().getEmail(), s.getEffectiveUser().getEmail()];
    };
    expect(simple('duena@trabajo.gob.pe')).toEqual(['duena@trabajo.gob.pe', 'duena@trabajo.gob.pe']);
    expect(simple('consultora@trabajo.gob.pe')).toEqual(['consultora@trabajo.gob.pe', 'consultora@trabajo.gob.pe']);
    expect(simple('vecino@gmail.com')).toEqual(['', '']);
    expect(simple('consultora@trabajo.gob.pe', 'consumer')).toEqual(['', '']);
    expect(simple('duena@trabajo.gob.pe', 'consumer')).toEqual(['duena@trabajo.gob.pe', 'duena@trabajo.gob.pe']);
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
