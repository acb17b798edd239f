/**
 * A web app page as Apps Script serves it: HtmlService.createHtmlOutput of the rendered page
 * (domain/web-page.ts), its title, and the viewport meta tag — HtmlService serves the content
 * inside its own frame, so a <meta name="viewport"> in the content does not reach the browser;
 * addMetaTag does (reference/html/html-output#addMetaTag).
 */
import { renderWebPage, WEB_VIEWPORT, type WebPage } from '../domain/web-page';

export function webPageOutput(page: WebPage): GoogleAppsScript.HTML.HtmlOutput {
  return HtmlService.createHtmlOutput(renderWebPage(page)).setTitle(page.title).addMetaTag('viewport', WEB_VIEWPORT);
}
