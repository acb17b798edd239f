/**
 * A finished module for B12's consolidation and report (i13-report): three sessions (rule: 2 of
 * 3), six registrations (four confirmed, one waiting, one withdrawn), attendance marks, survey
 * answers and certificate rows written straight into the Talleres sheet as the product's other
 * parts write them. Hand-computed figures in REPORT_FACTS.
 */
import type { Workspace } from '../../emulator';
import { appendRows } from './sheet-rows';
import { setSetting } from './attention-world';

export const DIRECTION = 'direccion.informes@trabajo.gob.pe';
export const REPORT_MODULE = {
  requestId: 'form-0001-report-b12',
  name: 'Aprende a Emprender – Diciembre',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 60,
  minSessions: 2,
  sessions: [
    { topic: 'Ventas en línea', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Rosa Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
    { topic: 'Costos y precios', date: '2026-12-03', startTime: '18:00', endTime: '20:00', speaker: 'Rosa Ñique', speakerEmail: 'rosa.nique@gmail.com' },
    { topic: 'Cierre: presentación de proyectos', date: '2026-12-10', startTime: '18:00', endTime: '20:00', speaker: 'José Ángel Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
  ],
};
/** When the last session has ended (Lima). */
export const AFTER_END = '2026-12-10T21:00';

export const PEOPLE = [
  { n: 1, name: 'María José Quispe', status: 'Inscrito', sessions: [1, 2, 3] },
  { n: 2, name: "D'Angelo Peña", status: 'Inscrito', sessions: [1, 3] },
  { n: 3, name: '=HYPERLINK("http://x","Raúl")', status: 'Inscrito', sessions: [1, 2, 3] },
  { n: 4, name: 'Lucía Ñahui', status: 'Inscrito', sessions: [] as number[] },
  { n: 5, name: 'Ángela Torres', status: 'En lista de espera', sessions: [] as number[] },
  { n: 6, name: 'Jesús León', status: 'Retirado', sessions: [1] },
];

/** What the report and the tabs must say (computed by hand from PEOPLE and the answers below). */
export const REPORT_FACTS = {
  registered: 6,
  confirmed: 4,
  waiting: 1,
  withdrawn: 1,
  meetsRule: 3,
  attendedPerSession: [4, 2, 3],
  certificates: 2,
  // S1: q1 5, 4 → 4.5; S2: q1 3 → 3; S3: none.
  satisfaction: [4.5, 3, ''],
};

const lima = (s: string) => new Date(`${s}:00-05:00`);

/** Creates the module (as a consultant would, before its sessions) and fills in the rest; returns its ID and session IDs. */
export function fillReportModule(ws: Workspace, talleres: string, user?: string): { moduleId: string; sessionIds: string[] } {
  const r = ws.callFromSidebar(talleres, 'saveModule', [REPORT_MODULE], user);
  if (!r.ok) throw new Error(r.error);
  const saved = r.value as { ok: boolean; message: string; module: { id: string; sessions: { id: string }[] } };
  if (!saved.ok) throw new Error(saved.message);
  const moduleId = saved.module.id;
  const sessionIds = saved.module.sessions.map((s) => s.id);
  appendRows(
    ws,
    talleres,
    'Inscripciones',
    PEOPLE.map((p) => ({
      'ID de inscripción': `I-${p.n}`,
      'ID de módulo': moduleId,
      'Fecha de inscripción': lima(`2026-11-2${p.n}T10:00`),
      'Tipo doc.': 'DNI',
      DNI: `0${4000000 + p.n}`,
      'Nombres y apellidos': p.name,
      Correo: `persona${p.n}@gmail.com`,
      Celular: `98765432${p.n}`,
      Estado: p.status,
    })),
  );
  appendRows(
    ws,
    talleres,
    'Asistencia',
    PEOPLE.flatMap((p) =>
      p.sessions.map((k) => ({
        'ID de asistencia': `${sessionIds[k - 1]}/I-${p.n}`,
        'ID de sesión': sessionIds[k - 1],
        'ID de módulo': moduleId,
        'ID de inscripción': `I-${p.n}`,
        DNI: `0${4000000 + p.n}`,
        'Nombres y apellidos': p.name,
        Asistió: true,
        Fuente: 'Manual',
      })),
    ),
  );
  const answer = (id: string, k: number, reg: number, q: number[], recommend: string, comment: string) => ({
    'ID de respuesta': id,
    'ID de sesión': sessionIds[k - 1],
    'ID de módulo': moduleId,
    'ID de inscripción': `I-${reg}`,
    'Fecha de respuesta': lima(`2026-12-0${k}T21:0${reg}`),
    'Satisfacción con la sesión': q[0],
    'Contenido claro y útil': q[1],
    Ponente: q[2],
    'Conexión a Meet': q[3],
    Recomendaría: recommend,
    Comentario: comment,
    Puntaje: Math.round((q.reduce((s, n) => s + n, 0) / 4) * 10) / 10,
  });
  appendRows(ws, talleres, 'Encuestas de talleres', [
    answer('R-1', 1, 1, [5, 5, 4, 3], 'Sí', 'Muy útil, gracias'),
    answer('R-2', 1, 3, [4, 3, 5, 5], 'Tal vez', ''),
    answer('R-3', 2, 1, [3, 4, 4, 2], 'Sí', 'El audio se cortaba'),
  ]);
  appendRows(ws, talleres, 'Certificados', [
    { Código: 'CERT-AAAA-BBBB-CCCC-DDDD', 'ID de inscripción': 'I-1', 'ID de módulo': moduleId, Estado: 'Vigente' },
    { Código: 'CERT-AAAA-BBBB-CCCC-EEEE', 'ID de inscripción': 'I-2', 'ID de módulo': moduleId, Estado: 'Vigente' },
    { Código: 'CERT-AAAA-BBBB-CCCC-FFFF', 'ID de inscripción': 'I-3', 'ID de módulo': moduleId, Estado: 'Revocado' },
  ]);
  setSetting(ws, talleres, 'Correo de la Dirección (informe del módulo)', DIRECTION);
  return { moduleId, sessionIds };
}
