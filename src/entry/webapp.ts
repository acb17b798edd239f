/**
 * The web app (docs/web-app.md): `doGet` and `doPost`, reached by anyone with a link — the
 * deployment runs as the coordinator who deployed it ("Ejecutar como: Yo") and is open to anyone
 * ("Cualquier persona"), so the only credential is the signed token `t` the link carries, checked
 * by the router (src/app/webapp/router.ts). GET describes, POST acts.
 *
 * Whatever arrives (no event, no token, a huge or hostile value, a failure inside), the visitor
 * gets one Spanish page and never an error's text.
 */
import { handleLinkRequest, type LinkRequest } from '../app/webapp/router';
import { LINK_HANDLERS } from '../app/webapp/handlers';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { WEB_APP_MESSAGES, type WebPage } from '../domain/web-page';
import { webPageOutput } from '../gas/webapp-output';
import { guarded } from './guard';
import { certificateCodeLookup, CODE_PARAMETER } from '../app/workshops/verification';
import type { EntryName } from './access-table';
import { LINK_INPUT_FIELD } from '../domain/web-links';

/** `e.parameter[name]` when it is text; anything else counts as absent. */
function parameterOf(e: unknown, name: string): string | undefined {
  const parameter = e && typeof e === 'object' ? (e as { parameter?: unknown }).parameter : undefined;
  const v = parameter && typeof parameter === 'object' ? (parameter as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** `e.parameter.t` when it is text; anything else counts as no token. */
function tokenOf(e: unknown): unknown {
  return parameterOf(e, 't');
}

function serve(name: EntryName, method: LinkRequest['method'], e: unknown): GoogleAppsScript.HTML.HtmlOutput {
  return guarded(name, EXECUTION_KINDS.webApp, (ctx) => {
    let page: WebPage;
    try {
      const token = tokenOf(e);
      // B12: a certificate's code typed on the verification page (a GET without a token; reads only).
      const typedCode = method === 'GET' && token === undefined ? parameterOf(e, CODE_PARAMETER) : undefined;
      if (typedCode !== undefined) page = certificateCodeLookup(ctx, typedCode, ctx.webApp.url() ?? '');
      else {
        // C01: a rejection's reason arrives with the POST; the handler validates it.
        const input = method === 'POST' ? parameterOf(e, LINK_INPUT_FIELD) : undefined;
        // Only a GET's page has a form (the router's confirmation): a POST does not ask Google for the address.
        const formAction = method === 'GET' ? (ctx.webApp.url() ?? '') : '';
        page = handleLinkRequest({ ...ctx, formAction }, LINK_HANDLERS, { method, token, input }).page;
      }
    } catch (err) {
      // A fault of Sheets or of the code: the visitor is asked to try again; the log says what happened.
      const message = err instanceof Error ? err.message : String(err);
      console.error(`Aplicación web: ${message}`);
      ctx.audit.record({ action: WEB_APP_MESSAGES.auditRetry, target: '', result: 'Error', detail: message });
      page = { title: WEB_APP_MESSAGES.busyTitle, paragraphs: WEB_APP_MESSAGES.busy };
    }
    return webPageOutput(page);
  });
}

/** A link opened (GET): says what it will do, with a button; never acts. `?codigo=` (no token): the certificate verification form (B12). */
export function doGet(e?: GoogleAppsScript.Events.DoGet): GoogleAppsScript.HTML.HtmlOutput {
  return serve('doGet', 'GET', e);
}

/** The button of a link's page (POST): does it, once. */
export function doPost(e?: GoogleAppsScript.Events.DoPost): GoogleAppsScript.HTML.HtmlOutput {
  return serve('doPost', 'POST', e);
}
