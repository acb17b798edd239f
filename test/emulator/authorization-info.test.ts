import { makeTestEnv, nextExecution } from '../../emulator/testing';
import { AuthorizationInfo, authorizationStore, ScriptApp } from '../../emulator/services/script';

/**
 * ScriptApp.getAuthorizationInfo and AuthorizationInfo, called host-side.
 * Reference: developers.google.com/apps-script/reference/script/authorization-info
 * (getAuthorizationStatus, getAuthorizationUrl — "If no authorization is required, this method
 * returns null" —, getAuthorizedScopes — "If authorization information is requested for a
 * specified list of scopes, returns the authorized scopes from the specified list") and
 * developers.google.com/apps-script/reference/script/script-app#getAuthorizationInfo(AuthMode).
 */
const SHEETS = 'https://www.googleapis.com/auth/spreadsheets';
const MAIL = 'https://www.googleapis.com/auth/script.send_mail';
const CALENDAR = 'https://www.googleapis.com/auth/calendar.events';
const DOCS = 'https://www.googleapis.com/auth/documents';

function setup(scopes?: string[]) {
  const env = makeTestEnv({ containerId: 'sheet-1', manifest: { timeZone: 'America/Lima', ...(scopes ? { oauthScopes: scopes } : {}) } });
  return { env, app: new ScriptApp(env) };
}

describe('AuthorizationInfo (reference/script/authorization-info)', () => {
  test('a user who accepted the consent screen has every manifest scope: NOT_REQUIRED, no URL, the manifest\'s scopes', () => {
    const { app } = setup([SHEETS, MAIL, CALENDAR]);
    const info = app.getAuthorizationInfo(app.AuthMode.FULL);
    expect(info).toBeInstanceOf(AuthorizationInfo);
    expect(info.getAuthorizationStatus()).toBe(app.AuthorizationStatus.NOT_REQUIRED);
    expect(info.getAuthorizationUrl()).toBeNull();
    expect(info.getAuthorizedScopes()).toEqual([SHEETS, MAIL, CALENDAR]);
  });

  test('a scope left unticked (granular consent): REQUIRED, an authorization URL, and the scopes actually granted', () => {
    const { env, app } = setup([SHEETS, MAIL, CALENDAR]);
    authorizationStore(env.state).grant(env.project.id, env.exec.user, [SHEETS, MAIL]);
    const info = app.getAuthorizationInfo(app.AuthMode.FULL);
    expect(info.getAuthorizationStatus()).toBe('REQUIRED');
    expect(info.getAuthorizationUrl()).toMatch(/^https:\/\/script\.google\.com\/macros\/d\/project-test\/authorize/);
    expect(info.getAuthorizedScopes()).toEqual([SHEETS, MAIL]);
    // another user of the same project granted everything
    const other = new ScriptApp(nextExecution(env, 'editor', 'otra@trabajo.gob.pe'));
    expect(other.getAuthorizationInfo(other.AuthMode.FULL).getAuthorizationStatus()).toBe('NOT_REQUIRED');
  });

  test('with a list of scopes, the answer is about that list: the authorized ones from it', () => {
    const { env, app } = setup([SHEETS, MAIL]);
    authorizationStore(env.state).grant(env.project.id, env.exec.user, [SHEETS]);
    const info = app.getAuthorizationInfo(app.AuthMode.FULL, [SHEETS, DOCS]);
    expect(info.getAuthorizedScopes()).toEqual([SHEETS]);
    expect(info.getAuthorizationStatus()).toBe('REQUIRED');
    expect(app.getAuthorizationInfo(app.AuthMode.FULL, [SHEETS]).getAuthorizationStatus()).toBe('NOT_REQUIRED');
  });

  test('only FULL asks for consent; an unknown mode or a bad list is refused', () => {
    const { env, app } = setup([SHEETS, MAIL]);
    authorizationStore(env.state).grant(env.project.id, env.exec.user, []);
    expect(app.getAuthorizationInfo(app.AuthMode.LIMITED).getAuthorizationStatus()).toBe('NOT_REQUIRED');
    expect(app.getAuthorizationInfo(app.AuthMode.FULL).getAuthorizationStatus()).toBe('REQUIRED');
    expect(() => app.getAuthorizationInfo('EVERYTHING')).toThrow('Invalid argument: authMode');
    expect(() => app.getAuthorizationInfo(app.AuthMode.FULL, 'x' as unknown as string[])).toThrow('Invalid argument: oAuthScopes');
  });

  test('the grants survive the workspace being saved and loaded', () => {
    const { env } = setup([SHEETS, MAIL]);
    authorizationStore(env.state).grant(env.project.id, env.exec.user, [SHEETS]);
    const json = JSON.parse(JSON.stringify(env.state.toJSON()));
    const { WorkspaceState } = jest.requireActual('../../emulator/core/state') as typeof import('../../emulator/core/state');
    const back = WorkspaceState.fromJSON(json);
    expect(authorizationStore(back).grantedBy(env.project.id, env.exec.user, [SHEETS, MAIL])).toEqual([SHEETS]);
  });
});
