/**
 * Scenario helpers for the web app (docs/web-app.md): a "Talleres" world with the built bundle
 * deployed as a web app (its manifest's settings: run as the deployer, open to anyone), an
 * invitation row to unsubscribe from, and signed links as the invitation email would carry them.
 */
import { randomBytes } from 'node:crypto';
import { sheetsStore } from '../../emulator/services/sheets';
import type { Workspace } from '../../emulator';
import { SIGNING_SECRET_PROPERTY } from '../../src/app/signing';
import { linkUrl, signLink, type LinkAction } from '../../src/domain/web-links';
import { createAttentionWorld, type AttentionWorld } from './attention-world';

export interface WebAppWorld extends AttentionWorld {
  /** The /exec address of the Talleres web app. */
  url: string;
}

export function createWebAppWorld(at = '2026-11-27T09:00'): WebAppWorld {
  const w = createAttentionWorld({ at });
  const url = w.ws.deployWebApp(w.talleres);
  return { ...w, url };
}

/** Adds an 'Invitaciones' row (as the invitation job would write it). */
export function addInvitation(ws: Workspace, ss: string, id: string, email: string, fullName = 'Vecina'): void {
  const values = ws.values(ss, 'Invitaciones');
  const headers = (values[0] ?? []).map(String);
  let row = values.length;
  while (row > 1 && values[row - 1].every((v) => v === '' || v === null)) row--;
  const record: Record<string, string> = { 'ID de invitación': id, 'ID de módulo': 'M-2026-IV', Correo: email, Nombre: fullName, Envío: 'enviado' };
  const cells = headers.map((h) => record[h] ?? '');
  sheetsStore(ws.state).enterValues(ss, 'Invitaciones', row + 1, 1, [cells]);
}

/** The spreadsheet's signing secret, made as the first signed email would make it. */
export function secretOf(ws: Workspace, ss: string): string {
  const props = ws.project(ss).documentProperties;
  props[SIGNING_SECRET_PROPERTY] ??= randomBytes(30).toString('hex');
  return props[SIGNING_SECRET_PROPERTY];
}

/** A signed link to the web app, as an email carries it. */
export function signedLink(w: WebAppWorld, action: LinkAction, subject: string, expiresAt: Date, secret = secretOf(w.ws, w.talleres)): string {
  return linkUrl(w.url, signLink(secret, { action, subject, expiresAt }));
}

/** The token inside a link. */
export function tokenOf(link: string): string {
  return new URL(link).searchParams.get('t') ?? '';
}

/** The text a person reads on a page (tags dropped, entities decoded for the few we emit). */
export function pageText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
