/**
 * The web app's one use case (docs/web-app.md): a request that carries a signed link token `t`.
 *
 * - The token is checked first (domain/web-links.checkLink: signature, then format, then expiry).
 *   Forged, malformed, expired or of an action nobody handles: the same page "not valid or
 *   expired", so a visitor learns nothing about why.
 * - GET never acts (mail scanners and link previews open links by themselves): it says what the
 *   link will do, with a button whose form POSTs the token back — or that it was already used.
 * - POST acts, under the script lock: the token is checked again, the single-use ledger ('Enlaces
 *   usados', by the token's digest) is read fresh, the handler performs, and a 'done' or
 *   'nothing' outcome records the link as used in the same locked section. 'retry' leaves it usable.
 * - Every request is audited: the link's ID and subject, never the token; a link that does not
 *   check is written as just "enlace no válido".
 */
import { checkLink, LINK_INPUT_FIELD, type LinkAction } from '../../domain/web-links';
import { USED_LINKS_TAB } from '../../domain/schema';
import { WEB_APP_MESSAGES as M, type WebPage } from '../../domain/web-page';
import { LockBusyError } from '../../ports';
import { SIGNING_SECRET_PROPERTY } from '../signing';
import type { LinkDeps, LinkHandler, LinkOutcome, LinkPage } from './link-handler';

export interface LinkRequest {
  method: 'GET' | 'POST';
  /** `e.parameter.t` as it arrived (anything). */
  token: unknown;
  /** POST only: the page's text field (`LINK_INPUT_FIELD`) as it arrived (anything). */
  input?: unknown;
}

export type LinkHandlers = Partial<Record<LinkAction, LinkHandler>>;

export interface RouterDeps extends LinkDeps {
  /** Where the confirmation form POSTs: the web app's /exec address ('' when unknown; only a GET's page has the form). */
  formAction: string;
}

/** What the router decided, for the entry point (a page) and for tests. */
export interface LinkResponse {
  kind: 'invalid' | 'describe' | 'used' | 'done' | 'nothing' | 'retry';
  page: WebPage;
}

const INVALID: WebPage = { title: M.invalidTitle, paragraphs: M.invalid };
const USED: WebPage = { title: M.usedTitle, paragraphs: M.used };
const BUSY: WebPage = { title: M.busyTitle, paragraphs: M.busy };

function toWebPage(page: LinkPage): WebPage {
  return { title: page.title, paragraphs: page.paragraphs };
}

function isOutcome(x: LinkPage | LinkOutcome): x is LinkOutcome {
  return typeof (x as LinkOutcome).kind === 'string';
}

type Checked = { ok: false; detail: string } | { ok: true; linkId: string; action: LinkAction; subject: string; expiresAt: Date; handler: LinkHandler };

/**
 * The token against the stored secret. The secret is only read here, never created: a
 * spreadsheet that never signed anything has no valid link.
 */
function check(deps: LinkDeps, handlers: LinkHandlers, token: unknown): Checked {
  const secret = deps.properties.get(SIGNING_SECRET_PROPERTY);
  if (!secret) return { ok: false, detail: M.detailInvalid };
  const c = checkLink(secret, token, deps.clock.now());
  if (!c.ok) return { ok: false, detail: c.reason === 'expired' ? M.detailExpired : M.detailInvalid };
  const handler = handlers[c.claims.action];
  if (!handler) return { ok: false, detail: M.detailInvalid };
  return { ok: true, linkId: c.linkId, action: c.claims.action, subject: c.claims.subject, expiresAt: c.claims.expiresAt, handler };
}

function usedLedger(deps: LinkDeps) {
  return deps.workbooks.current().table(USED_LINKS_TAB);
}

function alreadyUsed(deps: LinkDeps, linkId: string, fresh: boolean): boolean {
  const ledger = usedLedger(deps);
  return ledger.exists() && ledger.read({ fresh }).byId.has(linkId);
}

function target(c: { linkId: string; subject: string }): string {
  return `${c.linkId} · ${c.subject}`;
}

/** Handles one request to the web app; never throws for anything a visitor can send. */
export function handleLinkRequest(deps: RouterDeps, handlers: LinkHandlers, req: LinkRequest): LinkResponse {
  if (req.method === 'POST') return perform(deps, handlers, req.token, req.input);
  const c = check(deps, handlers, req.token);
  if (!c.ok) {
    deps.audit.record({ action: M.auditInvalid, target: '', result: 'Sin efecto', detail: c.detail });
    return { kind: 'invalid', page: INVALID };
  }
  if (alreadyUsed(deps, c.linkId, false)) {
    deps.audit.record({ action: M.auditUsed, target: target(c), result: 'Sin efecto', detail: c.action });
    return { kind: 'used', page: USED };
  }
  const described = c.handler.describe(deps, c.subject);
  if (isOutcome(described)) {
    // Nothing left to do: say so; the link is recorded as spent only by a POST (GET never writes).
    deps.audit.record({ action: M.auditShown, target: target(c), result: 'Sin efecto', detail: `${c.action}: ${described.auditDetail}` });
    return { kind: 'nothing', page: toWebPage(described.page) };
  }
  deps.audit.record({ action: M.auditShown, target: target(c), result: 'Sin cambios', detail: c.action });
  const page: WebPage = toWebPage(described);
  if (described.confirm) {
    page.form = { action: deps.formAction, token: String(req.token).trim(), button: described.confirm };
    if (described.field) page.form.field = { name: LINK_INPUT_FIELD, ...described.field };
  }
  return { kind: 'describe', page };
}

function perform(deps: RouterDeps, handlers: LinkHandlers, token: unknown, input: unknown): LinkResponse {
  try {
    return deps.lock.withLock(() => {
      const c = check(deps, handlers, token);
      if (!c.ok) {
        deps.audit.record({ action: M.auditInvalid, target: '', result: 'Sin efecto', detail: c.detail });
        return { kind: 'invalid', page: INVALID };
      }
      const ledger = usedLedger(deps);
      if (!ledger.exists()) {
        // Without the ledger single use cannot be kept: do nothing (setup creates the tab).
        deps.audit.record({ action: M.auditRetry, target: target(c), result: 'Error', detail: `${c.action}: falta la pestaña ${USED_LINKS_TAB.name}` });
        return { kind: 'retry', page: BUSY };
      }
      if (ledger.read({ fresh: true }).byId.has(c.linkId)) {
        deps.audit.record({ action: M.auditUsed, target: target(c), result: 'Sin efecto', detail: c.action });
        return { kind: 'used', page: USED };
      }
      const outcome = c.handler.perform(deps, c.subject, input);
      // A read-only handler's link is never spent (a forged POST must not kill a printed verification link).
      if (outcome.kind !== 'retry' && !c.handler.readOnly) {
        ledger.append([{ id: c.linkId, action: c.action, subject: c.subject, usedAt: deps.clock.now(), expiresAt: c.expiresAt }]);
      }
      deps.audit.record({
        action: outcome.kind === 'retry' ? M.auditRetry : M.auditDone,
        target: target(c),
        result: outcome.kind === 'done' ? 'Correcto' : outcome.kind === 'nothing' ? 'Sin cambios' : 'Error',
        detail: `${c.action}: ${outcome.auditDetail}`,
      });
      return { kind: outcome.kind, page: toWebPage(outcome.page) };
    });
  } catch (e) {
    if (!(e instanceof LockBusyError)) throw e;
    deps.audit.record({ action: M.auditRetry, target: '', result: 'Sin efecto', detail: 'bloqueo ocupado' });
    return { kind: 'retry', page: BUSY };
  }
}
