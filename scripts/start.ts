/**
 * `npm start`: the whole product on one machine, with no Google account.
 *
 * `npm start` builds dist/ first (package.json), then this script opens the emulated Workspace
 * kept in .emulator-state/ (gitignored) — or creates it: the two spreadsheets with the bundle
 * installed and set up, and a small demo data set of clearly fictional people — and serves the
 * emulator's browser UI on http://127.0.0.1:$PORT (default 8080). It prints the URL and keeps
 * running with no prompt (it works headless); Ctrl+C, SIGTERM (to npm or to this process) or
 * SIGHUP saves the workspace and stops it. SOE_STATE_DIR keeps the workspace elsewhere.
 *
 *   npm start                 reuse the saved workspace (the bundle is reinstalled from dist/)
 *   npm start -- --reset      start over (the UI's "Reiniciar" button does the same)
 *
 * The emulator knows Google, not this product; this script is where the two meet, and it only
 * knows the product's entry-point names, read from dist/exports.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../emulator';
import { zonedParts } from '../emulator/core/zones';
import type { LandingView } from '../emulator/ui/snapshot';
import { startUiServer, type UiServer } from '../emulator/ui/server';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
/** Where the workspace is kept: .emulator-state/, or SOE_STATE_DIR (tests start a throwaway one). */
const STATE_DIR = process.env.SOE_STATE_DIR ? path.resolve(process.env.SOE_STATE_DIR) : path.join(ROOT, '.emulator-state');

export const SPREADSHEETS = {
  atenciones: 'Atenciones Virtuales – Centro de Empleo',
  talleres: 'Programación Talleres Masivos',
} as const;

type Log = (line: string) => void;

/**
 * The demo's user: the emulator's signed-in user, who sets the spreadsheets up and so is their
 * coordinator, and a consultant too, named as the demo report names them.
 */
export const DEMO_CONSULTANT = { email: 'consultor@example.org', name: 'Consultor Demo' } as const;
/** A colleague: one of today's appointments is hers, so «Todas» and «Atender en lugar de» have something to show. */
export const DEMO_COLLEAGUE = { email: 'consultora@example.org', name: 'Consultora Demo' } as const;

export interface DemoOptions {
  distDir?: string;
  stateDir?: string;
  /** Wall time (Lima) the virtual clock starts at. Default: today (real date in Lima) at 08:30. */
  at?: string;
  seed?: number;
  log?: Log;
}

export interface Demo {
  ws: Workspace;
  atencionesId: string;
  talleresId: string;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Today's date in Lima at 08:30, the start of a consultant's day. */
export function todayInLimaAt(hhmm = '08:30', nowMs = Date.now()): string {
  const p = zonedParts(nowMs, 'America/Lima');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${hhmm}`;
}

export function readExports(distDir: string): string[] {
  const file = path.join(distDir, 'exports.json');
  if (!fs.existsSync(file)) return [];
  const names: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
}

function requireDist(distDir: string): void {
  if (!fs.existsSync(path.join(distDir, 'Code.js'))) {
    throw new Error(`No está construido el paquete en ${distDir}: ejecute «npm run build» (npm start lo hace por usted).`);
  }
}

/**
 * The demo's booked appointments, as the platform's report of booked appointments (CSV, as
 * downloaded): five clearly fictional people, three today and two tomorrow; today's 15:00 one is
 * the colleague's, the rest the demo user's.
 */
export function demoReportCsv(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  const dmy = (yy: number, mm: number, dd: number) => `${two(dd)}/${two(mm)}/${yy}`;
  const todayDmy = dmy(y, m, d);
  const tomorrowDmy = dmy(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
  const people: [string, string, string, string, string, string, string][] = [
    ['000901', '00000001', 'Persona Demo', 'Uno', 'persona.demo.uno@example.com', todayDmy, '10:00'],
    ['000902', '00000002', 'Persona Demo', 'Dos Peñaloza', 'persona.demo.dos@example.com', todayDmy, '11:00'],
    ['000903', '00000003', 'Persona Demo', 'Tres Ñahui', 'persona.demo.tres@example.com', todayDmy, '15:00'],
    ['000904', '00000004', 'Persona Demo', 'Cuatro', 'persona.demo.cuatro@example.com', tomorrowDmy, '09:00'],
    ['000905', '00000005', 'Persona Demo', "Cinco D'Angelo", 'persona.demo.cinco@example.com', tomorrowDmy, '10:30'],
  ];
  const lines = [
    'Reporte de citas reservadas - Centro de Empleo Lima (DEMOSTRACIÓN: datos ficticios)',
    `Del ${todayDmy} al ${tomorrowDmy}`,
    '',
    'Código de cita,Tipo de documento,N° Documento,Nombres,Apellidos,Correo electrónico,Celular,Fecha de cita,Hora de cita,Servicio,Consultor,Estado,Comentario',
    ...people.map(([code, dni, names, surnames, email, date, time], i) =>
      [code, 'DNI', dni, names, surnames, email, `90000000${i + 1}`, date, time, 'Orientación para el emprendimiento', code === '000903' ? DEMO_COLLEAGUE.name : DEMO_CONSULTANT.name, 'Reservada', ''].join(','),
    ),
  ];
  return lines.join('\r\n') + '\r\n';
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'sin respuesta';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * A new workspace as a consultant finds it on the first day: both spreadsheets with the bundle
 * installed and set up (each knows its sibling), the demo user — who ran setup, so the first
 * coordinator — registered in «Equipo y permisos» as coordinator and consultant with the name the
 * report uses (so «Mías» shows their own day), a colleague registered as consultant, the first
 * spreadsheet opened, and the demo report imported — each step only if dist/exports.json lists
 * its entry point.
 */
export function createDemoWorkspace(opts: DemoOptions = {}): Demo {
  const distDir = opts.distDir ?? DIST;
  const log = opts.log ?? (() => undefined);
  requireDist(distDir);
  const exportsList = readExports(distDir);
  const at = opts.at ?? todayInLimaAt();
  const ws = Workspace.create({ at, user: DEMO_CONSULTANT.email, seed: opts.seed ?? 1, ...(opts.stateDir ? { stateDir: opts.stateDir } : {}) });
  const atencionesId = ws.createSpreadsheet(SPREADSHEETS.atenciones);
  const talleresId = ws.createSpreadsheet(SPREADSHEETS.talleres);
  ws.install(atencionesId, { distDir });
  ws.install(talleresId, { distDir });
  log(`Creadas «${SPREADSHEETS.atenciones}» y «${SPREADSHEETS.talleres}» con el paquete de ${distDir === DIST ? 'dist' : distDir}/ instalado.`);

  if (exportsList.includes('setupSpreadsheet')) {
    // As a coordinator does on a first deploy: "Atenciones", then "Talleres" pointing at it, then
    // "Atenciones" again, which now records "Talleres" as its proven sibling (docs/access-model.md).
    for (const [id, role, sibling] of [
      [atencionesId, 'atenciones', talleresId],
      [talleresId, 'talleres', atencionesId],
      [atencionesId, 'atenciones', talleresId],
    ] as const) {
      const r = ws.callFromSidebar(id, 'setupSpreadsheet', [role, sibling]);
      log(r.ok ? `Configurada la hoja «${role}».` : `La configuración de «${role}» falló: ${r.error}`);
    }
    if (exportsList.includes('saveTeamMember')) {
      // The team, as a coordinator keeps it in «Equipo y permisos»: the demo user's name makes
      // «Mías» their appointments; the colleague's makes one of today's hers.
      for (const [person, roles] of [
        [DEMO_CONSULTANT, ['coordinador', 'consultor']],
        [DEMO_COLLEAGUE, ['consultor']],
      ] as const) {
        const r = ws.callFromSidebar(atencionesId, 'saveTeamMember', [{ email: person.email, name: person.name, roles: [...roles] }]);
        const answer = r.ok ? (r.value as { ok?: boolean; message?: string } | null) : null;
        log(
          answer?.ok
            ? `Registrado ${person.email} como «${person.name}» (${roles.join(' y ')}) en «Equipo y permisos».`
            : `No se pudo registrar a ${person.email} en el equipo: ${r.ok ? describe(r.value) : r.error}`,
        );
      }
    }
  } else {
    log('dist/exports.json no incluye setupSpreadsheet: las hojas quedan sin configurar.');
  }

  ws.openSpreadsheet(atencionesId);

  if (exportsList.includes('importReport')) {
    const csv = demoReportCsv(at.slice(0, 10));
    const base64 = Buffer.from(csv, 'utf8').toString('base64');
    const r = ws.callFromSidebar(atencionesId, 'importReport', ['reporte-citas-demo.csv', base64]);
    log(r.ok ? `Importado el reporte de demostración: ${describe(r.value)}` : `La importación de demostración falló: ${r.error}`);
  } else {
    log('dist/exports.json no incluye importReport todavía: no se cargan citas de demostración.');
  }
  // Talleres: its web app (the links of the emails: withdrawal, unsubscribe) and one module with
  // its registration open, so «Invitar a talleres» and the registration form can be tried.
  if (exportsList.includes('doGet')) {
    const url = ws.deployWebApp(talleresId, { executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' });
    log(`Aplicación web de «${SPREADSHEETS.talleres}» implementada: ${url}`);
  }
  if (exportsList.includes('saveModule') && exportsList.includes('openRegistration')) {
    const day = (n: number) => new Date(Date.parse(`${at.slice(0, 10)}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const first = day(14);
    const year = Number(first.slice(0, 4));
    const quarter = ['I', 'II', 'III', 'IV'][Math.floor((Number(first.slice(5, 7)) - 1) / 3)];
    const saved = ws.callFromSidebar(talleresId, 'saveModule', [
      {
        requestId: 'demo-modulo-aprende-a-emprender',
        name: 'Aprende a Emprender – Demostración',
        year,
        quarter,
        audience: 'Personas con una idea de negocio o un negocio en marcha',
        capacity: 30,
        minSessions: 2,
        sessions: [
          { topic: 'Mi idea de negocio', date: first, startTime: '18:00', endTime: '20:00', speaker: 'Carmen Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
          { topic: 'Costos y precios', date: day(16), startTime: '18:00', endTime: '20:00', speaker: 'José Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
        ],
      },
    ]);
    const module = saved.ok ? (saved.value as { ok?: boolean; module?: { id: string } }) : null;
    if (module?.ok && module.module) {
      const opened = ws.callFromSidebar(talleresId, 'openRegistration', [module.module.id]);
      log(opened.ok ? `Módulo de demostración creado, con la inscripción abierta: ${describe(opened.value)}` : `No se pudo abrir la inscripción del módulo de demostración: ${opened.error}`);
    } else {
      log(`No se pudo crear el módulo de demostración: ${saved.ok ? describe(saved.value) : saved.error}`);
    }
  }
  if (opts.stateDir) ws.save();
  return { ws, atencionesId, talleresId };
}

/** Reopens the saved workspace, reinstalling the freshly built bundle in every bound spreadsheet. */
function reopen(stateDir: string, distDir: string, log: Log): Workspace {
  const ws = Workspace.open(stateDir);
  for (const project of [...ws.state.projects.values()]) {
    if (project.containerId) ws.install(project.containerId, { distDir });
  }
  ws.save();
  log(`Espacio de trabajo reabierto desde ${path.relative(ROOT, stateDir)}/ (hora virtual: ${ws.formatNow()}); paquete reinstalado.`);
  return ws;
}

/**
 * Where the page opens: «Atenciones Virtuales», with the product's panel open (the menu item that
 * runs `showSidebar`, as a consultant opens it), so a first visit starts where the work is.
 */
export function landing(ws: Workspace): LandingView | undefined {
  const atenciones = [...ws.state.projects.values()].find((p) => p.containerId && p.title === SPREADSHEETS.atenciones);
  return atenciones?.containerId ? { spreadsheetId: atenciones.containerId, menuFunction: 'showSidebar' } : undefined;
}

function freshStart(stateDir: string, distDir: string, log: Log): Workspace {
  fs.rmSync(stateDir, { recursive: true, force: true });
  return createDemoWorkspace({ distDir, stateDir, log }).ws;
}

async function main(): Promise<void> {
  const log: Log = (line) => console.log(line);
  const reset = process.argv.includes('--reset');
  const hasState = fs.existsSync(path.join(STATE_DIR, 'workspace.json'));
  const ws = !reset && hasState ? reopen(STATE_DIR, DIST, log) : freshStart(STATE_DIR, DIST, log);

  const server: UiServer = await startUiServer({
    workspace: ws,
    persist: true,
    reset: () => freshStart(STATE_DIR, DIST, log),
    log,
    landing: () => landing(server.workspace),
  });
  log(`Emulador de Google Workspace listo: ${server.url}`);
  log('Detener: Ctrl+C. Empezar de nuevo: npm start -- --reset (o el botón del panel del desarrollador).');

  // Ctrl+C (SIGINT to the whole foreground group), SIGTERM to npm (which forwards it to this
  // process: package.json's "start" execs node, so no shell or tsx CLI stands in between) and a
  // closed terminal (SIGHUP) all save the workspace and stop the server. The state is saved
  // first, so a connection that keeps the server from closing cannot lose it.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: guardando y deteniendo…`);
    try {
      server.workspace.save();
    } catch (e) {
      console.error(`No se pudo guardar el espacio de trabajo: ${e instanceof Error ? e.message : String(e)}`);
    }
    const exit = () => process.exit(0);
    setTimeout(exit, 3000).unref();
    void server.close().then(exit, exit);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
      console.error(`El puerto ${process.env.PORT || 8080} está ocupado: elija otro, por ejemplo «PORT=8081 npm start».`);
    } else {
      console.error(e instanceof Error ? e.message : e);
    }
    process.exit(1);
  });
}
