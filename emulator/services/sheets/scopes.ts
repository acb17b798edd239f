import type { ServiceEnv } from '../../core/env';

/**
 * OAuth scopes (developers.google.com/apps-script/concepts/scopes): a manifest without
 * `oauthScopes` gets every scope its code needs; one that lists them gets only those, and a
 * call needing another fails with "You do not have permission to call …". Simple triggers run
 * without authorization at all (developers.google.com/apps-script/guides/triggers#restrictions).
 */
export const SCOPES = {
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  spreadsheetsReadonly: 'https://www.googleapis.com/auth/spreadsheets.readonly',
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
};

/** True when the execution holds one of these scopes. */
export function hasScope(env: ServiceEnv, ...anyOf: string[]): boolean {
  if (env.exec.record.trigger === 'simple') return false;
  const listed = env.project.files.manifest.oauthScopes;
  if (!listed) return true;
  return anyOf.some((s) => listed.includes(s));
}
