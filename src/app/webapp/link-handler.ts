/**
 * What one action of the web app's signed links does (docs/web-app.md). The router
 * (src/app/webapp/router.ts) checks the token (domain/web-links.ts) and its single use, then asks
 * the action's handler. Two steps, because mail scanners open links by themselves: a GET only
 * DESCRIBES what the link would do (a page with a button); the POST from that button PERFORMS it.
 *
 * Handlers receive only the token's subject (an opaque product ID) and answer with Spanish text
 * for the page; they never put personal data on a page beyond what the person already knows
 * (their module's name, dates; never a document number or an address in full).
 */
import type { AuditLog, Clock, KeyValueStore, Lock, Mailer, Scheduler, WebAppService, Workbooks } from '../../ports';
import type { LinkAction, LinkPage } from '../../domain/web-links';

export interface LinkDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
  mailer: Mailer;
  audit: AuditLog;
  /** The deployment's own address (links in emails the action sends, e.g. a promotion). */
  webApp: WebAppService | null;
  /** Triggers of this project (a promotion asks the session clock to look soon); absent in unit tests. */
  scheduler?: Scheduler;
}

export type { LinkPage } from '../../domain/web-links';

export type LinkOutcome =
  /** Done now: the router records the link as used. */
  | { kind: 'done'; page: LinkPage; auditDetail: string }
  /** Nothing to do (already withdrawn, module over, subject gone): the link is spent too. */
  | { kind: 'nothing'; page: LinkPage; auditDetail: string }
  /** Could not be done now (busy, a fault): the link stays usable. */
  | { kind: 'retry'; page: LinkPage; auditDetail: string };

export interface LinkHandler {
  readonly action: LinkAction;
  /**
   * A read-only action (certificate verification): its link is never recorded as used, not
   * even by a POST someone forges with its token (a printed link must keep working).
   */
  readonly readOnly?: boolean;
  /** The GET: what the link will do, or a 'nothing' outcome when there is nothing left to do. */
  describe(deps: LinkDeps, subject: string): LinkPage | LinkOutcome;
  /**
   * The POST: does it, under the script lock (the handler takes it). `input` is the text of the
   * page's `field` as posted (untrusted: anything, or undefined); handlers without a field ignore it.
   */
  perform(deps: LinkDeps, subject: string, input?: unknown): LinkOutcome;
}
