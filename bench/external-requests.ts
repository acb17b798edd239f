/**
 * Institutions' requests (C01) put straight into 'Solicitudes externas' as the intake writes
 * them, for the bench cases that start from requests that exist (the decision): the same rows as
 * test/support/external-world.ts seeds, written here in one go (bench code does not import from
 * test/). Also the setting and the web app the approval needs, and the links of the Sub
 * Director's emails. None of this is counted: it is the world before the operation.
 */
import type { Workspace } from '../emulator';
import { sheetsStore } from '../emulator/services/sheets';
import { limaDateAt } from '../src/domain/lima-time';
import { EXTERNAL_REQUESTS_TAB } from '../src/domain/schema';

export const BENCH_SUB_DIRECTOR = 'subdireccion@trabajo.gob.pe';

/** A setting's 'Valor' by its 'Parámetro' (the row exists: setup wrote every setting). */
export function setBenchSetting(ws: Workspace, ss: string, name: string, value: string): void {
  const values = ws.values(ss, 'Configuración');
  const headers = (values[0] ?? []).map(String);
  const row = values.findIndex((r, i) => i > 0 && String(r[headers.indexOf('Parámetro')]) === name);
  if (row < 0) throw new Error(`bench: no setting ${name}`);
  sheetsStore(ws.state).enterValues(ss, 'Configuración', row + 1, headers.indexOf('Valor') + 1, [[value]]);
}

const INSTITUTIONS = ['CETPRO Santa Rosa de Lima', 'Instituto Chavín de Huántar', 'Municipalidad de Comas', 'CETPRO Virgen de Fátima', 'IESTP Carlos Cueto Fernandini'];
const TOPICS = ['Cómo formalizar mi negocio', 'Costos y precios', 'Marketing digital para emprendedores'];

/** The institution of request i (its emails' subjects carry it). */
export function benchInstitution(i: number): string {
  return `${INSTITUTIONS[i % INSTITUTIONS.length]} – sede ${String(i + 1).padStart(3, '0')}`;
}

/** The ID of request i. */
export function benchRequestId(i: number): string {
  return `SE-${String(i + 1).padStart(4, '0')}`;
}

/**
 * n requests in 'Recibida' (acknowledged), preferred dates in two weeks' time; one write. The
 * tab must be empty below its header (a fresh setup).
 */
export function seedBenchRequests(ws: Workspace, talleres: string, n: number): void {
  const headers = ws.values(talleres, EXTERNAL_REQUESTS_TAB.name)[0].map(String);
  const now = ws.state.clock.now();
  const rows = Array.from({ length: n }, (_, i) => {
    const r: Record<string, unknown> = {
      'ID de solicitud': benchRequestId(i),
      'ID de respuesta': `resp-${benchRequestId(i)}`,
      Recibida: now,
      Estado: 'Recibida',
      Institución: benchInstitution(i),
      RUC: '20131312955',
      'Tipo de institución': 'CETPRO',
      Región: 'Lima',
      Distrito: 'San Juan de Lurigancho',
      'Persona de contacto': 'María Ñahui Quispe',
      Cargo: 'Directora',
      'Correo de contacto': `direccion.${i + 1}@institucion.edu.pe`,
      'Celular de contacto': '+51987654321',
      Tema: TOPICS[i % TOPICS.length],
      'Fecha preferida 1': limaDateAt('2026-12-10', 0, 0),
      'Hora preferida 1': '10:00',
      'Fecha preferida 2': limaDateAt('2026-12-11', 0, 0),
      'Hora preferida 2': '15:00',
      'Participantes esperados': 40,
      Modalidad: 'Virtual',
      'Acuse de recibo': 'enviado',
    };
    for (const k of Object.keys(r)) if (!headers.includes(k)) throw new Error(`bench: no column ${k} in ${EXTERNAL_REQUESTS_TAB.name}`);
    return headers.map((h) => (h in r ? r[h] : ''));
  });
  if (rows.length) sheetsStore(ws.state).enterValues(talleres, EXTERNAL_REQUESTS_TAB.name, 2, 1, rows as never);
}

/** The approve and reject links of the Sub Director's email about `institution` (the newest). */
export function benchApprovalLinks(ws: Workspace, institution: string): { approve: string; reject: string } {
  const mail = ws
    .outbox()
    .filter((m) => m.to.includes(BENCH_SUB_DIRECTOR) && m.subject.includes(institution))
    .pop();
  const body = mail?.body ?? '';
  const approve = /Aprobar: (\S+)/.exec(body)?.[1] ?? '';
  const reject = /Rechazar: (\S+)/.exec(body)?.[1] ?? '';
  if (!approve || !reject) throw new Error(`bench: no approval email about ${institution}`);
  return { approve, reject };
}

/** The token a link carries. */
export function tokenOf(link: string): string {
  return new URL(link).searchParams.get('t') ?? '';
}
