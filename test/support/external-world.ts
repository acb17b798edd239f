/**
 * A "Programación Talleres Masivos" world for the external workshops (C01–C04) with requests put
 * straight into 'Solicitudes externas' as the intake would write them (i14-intake builds the
 * intake in parallel), the web app deployed, and the Sub Director's setting filled: so the
 * approval, the workshop's job and the panel can be tested from a request that exists.
 */
import type { Workspace } from '../../emulator';
import { limaDateAt } from '../../src/domain/lima-time';
import { createAttentionWorld, setSetting, type AttentionWorld } from './attention-world';
import { pageText } from './webapp-world';
import { putRows } from './workshop-rows';

export const SUB_DIRECTOR = 'subdireccion@trabajo.gob.pe';
export const EXTERNAL_TAB = 'Solicitudes externas';

export interface ExternalWorld extends AttentionWorld {
  /** The /exec address of the Talleres web app. */
  url: string;
}

/** Both spreadsheets set up, the web app deployed from Talleres, 'Correo de la Sub Dirección' filled. */
export function createExternalWorld(opts: { at?: string; subDirector?: string; seed?: number } = {}): ExternalWorld {
  const w = createAttentionWorld({ at: opts.at ?? '2026-11-20T09:00', seed: opts.seed });
  const url = w.ws.deployWebApp(w.talleres);
  if (opts.subDirector !== '') setSetting(w.ws, w.talleres, 'Correo de la Sub Dirección', opts.subDirector ?? SUB_DIRECTOR);
  return { ...w, url };
}

export interface SeedRequest {
  id: string;
  institution?: string;
  ruc?: string;
  contactName?: string;
  contactEmail?: string;
  topic?: string;
  /** 'yyyy-mm-dd' (Lima) and 'HH:mm'. */
  option1?: [string, string];
  option2?: [string, string];
  expected?: number;
  state?: string;
  /** Any other column by its header. */
  extra?: Record<string, unknown>;
}

/** Puts requests into 'Solicitudes externas' (state 'Recibida' unless told), as the intake writes them. */
export function seedRequests(ws: Workspace, talleres: string, requests: readonly SeedRequest[]): void {
  const day = (d: string) => {
    const [y, m, dd] = d.split('-').map(Number);
    return limaDateAt(`${y}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`, 0, 0);
  };
  putRows(
    ws,
    talleres,
    EXTERNAL_TAB,
    requests.map((r) => ({
      'ID de solicitud': r.id,
      'ID de respuesta': `resp-${r.id}`,
      Recibida: ws.state.clock.now(),
      Estado: r.state ?? 'Recibida',
      Institución: r.institution ?? 'CETPRO Santa Rosa de Lima',
      RUC: r.ruc ?? '20131312955',
      'Tipo de institución': 'CETPRO',
      Región: 'Lima',
      Distrito: 'San Juan de Lurigancho',
      'Persona de contacto': r.contactName ?? 'María Ñahui Quispe',
      Cargo: 'Directora',
      'Correo de contacto': r.contactEmail ?? 'direccion@cetprosantarosa.edu.pe',
      'Celular de contacto': '+51987654321',
      Tema: r.topic ?? 'Cómo formalizar mi negocio',
      'Fecha preferida 1': day((r.option1 ?? ['2026-12-03', '10:00'])[0]),
      'Hora preferida 1': (r.option1 ?? ['2026-12-03', '10:00'])[1],
      'Fecha preferida 2': day((r.option2 ?? ['2026-12-05', '15:00'])[0]),
      'Hora preferida 2': (r.option2 ?? ['2026-12-05', '15:00'])[1],
      'Participantes esperados': r.expected ?? 40,
      Modalidad: 'Virtual',
      'Acuse de recibo': 'enviado',
      ...(r.extra ?? {}),
    })),
  );
}

/** One request's row as records read it. */
export function requestRow(ws: Workspace, talleres: string, id: string): Record<string, unknown> {
  const row = ws.readTab(talleres, EXTERNAL_TAB).find((r) => r['ID de solicitud'] === id);
  if (!row) throw new Error(`no request ${id}`);
  return row;
}

/** The approve and reject links of the Sub Director's emails about `institution`, newest last. */
export function approvalLinks(ws: Workspace, institution: string, to = SUB_DIRECTOR): { approve: string; reject: string; subject: string }[] {
  return ws
    .outbox()
    .filter((m) => m.to.includes(to) && m.subject.includes(institution))
    .map((m) => {
      const body = m.body ?? '';
      const approve = /Aprobar: (\S+)/.exec(body)?.[1] ?? '';
      const reject = /Rechazar: (\S+)/.exec(body)?.[1] ?? '';
      return { approve, reject, subject: m.subject };
    });
}

/** The token of a link. */
export function tokenIn(link: string): string {
  return new URL(link).searchParams.get('t') ?? '';
}

/** POSTs a link's confirmation (with the reason, for a rejection) as the page's form does; the page's text. */
export function confirmLink(ws: Workspace, url: string, link: string, reason?: string): { status: number; text: string } {
  const body = `t=${encodeURIComponent(tokenIn(link))}${reason !== undefined ? `&motivo=${encodeURIComponent(reason)}` : ''}`;
  const r = ws.openWebApp(url, { method: 'POST', user: null, body });
  return { status: r.status, text: pageText(r.body) };
}

/** Opens a link (GET) as a browser or a mail scanner would; the page's text and HTML. */
export function openLink(ws: Workspace, link: string): { text: string; html: string } {
  const r = ws.openWebApp(link, { user: null });
  return { text: pageText(r.body), html: r.body };
}
