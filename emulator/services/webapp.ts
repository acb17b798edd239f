import { createHash } from 'node:crypto';
import type { ExecutionRecord } from '../core/execution';
import type { ScriptProject } from '../core/project';
import { registerStore, type Store, type WorkspaceState } from '../core/state';
import { escapeHtml } from './html/template';

/**
 * Web app deployments (developers.google.com/apps-script/guides/web, the manifest's `webapp`
 * resource: developers.google.com/apps-script/manifest/web-app-api-executable). One web app
 * deployment per script project: deploying again changes its settings and keeps its URL, as
 * editing a deployment does; it serves the project's current code.
 */
export type WebAppExecuteAs = 'USER_DEPLOYING' | 'USER_ACCESSING';
export type WebAppAccess = 'ANYONE_ANONYMOUS' | 'ANYONE' | 'DOMAIN' | 'MYSELF';

export interface WebAppDeployment {
  deploymentId: string;
  projectId: string;
  executeAs: WebAppExecuteAs;
  access: WebAppAccess;
  /** Who deployed it: the user it runs as under USER_DEPLOYING, and whose domain DOMAIN means. */
  deployer: string;
  deployedAt: number;
}

const EXECUTE_AS: readonly string[] = ['USER_DEPLOYING', 'USER_ACCESSING'];
const ACCESS: readonly string[] = ['ANYONE_ANONYMOUS', 'ANYONE', 'DOMAIN', 'MYSELF'];

export const WEBAPP_MESSAGES = {
  badExecuteAs: (v: unknown) => `executeAs must be USER_DEPLOYING or USER_ACCESSING, not ${String(v)}`,
  badAccess: (v: unknown) => `access must be ANYONE_ANONYMOUS, ANYONE, DOMAIN or MYSELF, not ${String(v)}`,
  /** Google's page for a URL that names no deployment. */
  notFound: 'Sorry, unable to open the file at this time.',
  /** Google's page when the visitor may not run the app (Drive's access page). */
  noAccess: 'You need access',
  /** What Apps Script shows when doGet/doPost returns neither HtmlOutput nor TextOutput. */
  noOutput: 'The script completed but did not return anything.',
  notFunction: (fn: string) => `Script function not found: ${fn}`,
};

export class WebAppStore implements Store {
  /** projectId → deployment */
  deployments: Record<string, WebAppDeployment> = {};

  byDeploymentId(id: string): WebAppDeployment | undefined {
    return Object.values(this.deployments).find((d) => d.deploymentId === id);
  }

  toJSON(): unknown {
    return { deployments: this.deployments };
  }

  static fromJSON(json: unknown): WebAppStore {
    const s = new WebAppStore();
    s.deployments = ((json ?? {}) as { deployments?: Record<string, WebAppDeployment> }).deployments ?? {};
    return s;
  }
}

registerStore('webapps', { create: () => new WebAppStore(), fromJSON: WebAppStore.fromJSON });

export function webAppStore(state: WorkspaceState): WebAppStore {
  return state.store<WebAppStore>('webapps');
}

export function webAppUrl(d: Pick<WebAppDeployment, 'deploymentId'>): string {
  return `https://script.google.com/macros/s/${d.deploymentId}/exec`;
}

/** Deploys (or re-deploys) the project as a web app; settings default to the manifest's `webapp`, then USER_DEPLOYING / MYSELF. */
export function deployWebApp(
  state: WorkspaceState,
  project: ScriptProject,
  opts: { executeAs?: string; access?: string; deployer: string },
): WebAppDeployment {
  const manifest = (project.files.manifest.webapp ?? {}) as { executeAs?: string; access?: string };
  const executeAs = opts.executeAs ?? manifest.executeAs ?? 'USER_DEPLOYING';
  const access = opts.access ?? manifest.access ?? 'MYSELF';
  if (!EXECUTE_AS.includes(executeAs)) throw new Error(WEBAPP_MESSAGES.badExecuteAs(executeAs));
  if (!ACCESS.includes(access)) throw new Error(WEBAPP_MESSAGES.badAccess(access));
  const store = webAppStore(state);
  const existing = store.deployments[project.id];
  // A deployment ID looks like Google's ("AKfycb…"), derived from the seed and the project.
  const deploymentId =
    existing?.deploymentId ??
    'AKfycb' + createHash('sha256').update(`${state.options.seed}|webapp|${project.id}`).digest('base64url').slice(0, 40);
  const d: WebAppDeployment = {
    deploymentId,
    projectId: project.id,
    executeAs: executeAs as WebAppExecuteAs,
    access: access as WebAppAccess,
    deployer: existing?.deployer ?? opts.deployer,
    deployedAt: state.now(),
  };
  store.deployments[project.id] = d;
  return d;
}

export interface WebAppRequest {
  method: 'GET' | 'POST';
  deploymentId: string;
  pathInfo?: string;
  queryString: string | null;
}

/** Reads `https://script.google.com/macros/s/<id>/exec[/path][?query]` (also `/a/macros/<domain>/s/…`). */
export function parseWebAppUrl(url: string): WebAppRequest | undefined {
  const m = /^https:\/\/script\.google\.com\/(?:a\/macros\/[^/]+|macros)\/s\/([A-Za-z0-9_-]+)\/exec(\/[^?#]*)?(?:\?([^#]*))?(?:#.*)?$/.exec(url.trim());
  if (!m) return undefined;
  const path = m[2] ? m[2].replace(/^\//, '') : '';
  return { method: 'GET', deploymentId: m[1], ...(path ? { pathInfo: decodeURIComponent(path) } : {}), queryString: m[3] === undefined ? null : m[3] };
}

function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

/**
 * Whether a visitor (null: not signed in) may run the app: 'ok', 'signIn' (Google sends them to
 * the sign-in page) or 'denied'. A USER_ACCESSING app needs a signed-in visitor whatever its
 * access, since it runs with the visitor's own authorization.
 */
export function accessFor(d: WebAppDeployment, visitor: string | null): 'ok' | 'signIn' | 'denied' {
  if (visitor === null) return d.access === 'ANYONE_ANONYMOUS' && d.executeAs === 'USER_DEPLOYING' ? 'ok' : 'signIn';
  switch (d.access) {
    case 'ANYONE_ANONYMOUS':
    case 'ANYONE':
      return 'ok';
    case 'DOMAIN':
      return domainOf(visitor) !== '' && domainOf(visitor) === domainOf(d.deployer) ? 'ok' : 'denied';
    case 'MYSELF':
      return visitor.toLowerCase() === d.deployer.toLowerCase() ? 'ok' : 'denied';
  }
}

/** `e.parameter` / `e.parameters` from `a=1&b=2&b=3` (first value / every value). */
export function parseParameters(...sources: string[]): { parameter: Record<string, string>; parameters: Record<string, string[]> } {
  const parameters: Record<string, string[]> = {};
  for (const src of sources) {
    if (!src) continue;
    for (const [k, v] of new URLSearchParams(src)) (parameters[k] ??= []).push(v);
  }
  const parameter: Record<string, string> = {};
  for (const [k, vs] of Object.entries(parameters)) parameter[k] = vs[0];
  return { parameter, parameters };
}

/** What `Workspace.openWebApp` returns: the HTTP answer a browser or program would get. */
export interface WebAppResponse {
  status: number;
  contentType: string;
  body: string;
  /** HtmlOutput's title (the page's <title>), when it set one. */
  title?: string;
  /** TextOutput.downloadAsFile: the browser saves the body under this name. */
  fileName?: string;
  /** 302 to the sign-in page. */
  location?: string;
  execution?: ExecutionRecord;
}

/** A plain error page in Google's words (the text is HTML-escaped). */
export function errorPage(status: number, message: string, execution?: ExecutionRecord): WebAppResponse {
  const body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Error</title></head><body><div style="font-family:Arial,sans-serif;margin:40px">${escapeHtml(message)}</div></body></html>`;
  return { status, contentType: 'text/html', body, ...(execution ? { execution } : {}) };
}
