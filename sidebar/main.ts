/**
 * The panel: "Citas de hoy" (A03–A06), "Importar reporte" and "Cita presencial" (A01) and
 * "Datos personales" (Ley 29733) for the "Atenciones Virtuales" spreadsheet, «Módulos» (B01)
 * for "Programación Talleres Masivos", and "Esta hoja"
 * (status and setup) and "Equipo y permisos" (coordinators) for both. Talks to the
 * server only through google.script.run (./server.ts); data is always put into the page as
 * text, never as HTML (./dom.ts).
 */
import type { SetupStatus } from '../src/api';
import { dayNeedsLoad, initDay, loadDay, markDayStale, renderDay } from './day';
import { el } from './dom';
import { initImport } from './import';
import { M } from './messages';
import { initPersonData, syncPersonDataControls } from './personal-data';
import { initErrorBox } from './server';
import { initSetup, loadStatus } from './setup';
import { initTeam, loadTeam } from './team';
import { initWalkIn } from './walk-in';
import { initModules, loadModules, renderModules } from './workshops';
// Issue 14 (i14-panel): «Solicitudes externas» (C01–C04).
import { initExternal, loadExternal } from './external';
// Issue 15 (i15-attn): «Indicadores» of this spreadsheet, both roles.
import { initIndicators, loadIndicators } from './indicators';

type View = 'hoy' | 'importar' | 'presencial' | 'datos' | 'modulos' | 'modulo' | 'externas' | 'externa' | 'indicadores' | 'inicio' | 'configuracion' | 'equipo';
const VIEWS: readonly View[] = ['hoy', 'importar', 'presencial', 'datos', 'modulos', 'modulo', 'externas', 'externa', 'indicadores', 'inicio', 'configuracion', 'equipo'];
/** The tab of the navigation that each view belongs to. */
const NAV_OF: Record<View, View> = {
  hoy: 'hoy',
  importar: 'importar',
  presencial: 'presencial',
  datos: 'datos',
  modulos: 'modulos',
  modulo: 'modulos',
  externas: 'externas',
  externa: 'externas',
  indicadores: 'indicadores',
  inicio: 'inicio',
  configuracion: 'inicio',
  equipo: 'equipo',
};
const HEADINGS: Record<View, string> = {
  hoy: 'day-title',
  importar: 'import-title',
  presencial: 'walkin-title',
  datos: 'pd-title',
  modulos: 'modules-title',
  modulo: 'module-form-title',
  externas: 'external-title',
  externa: 'external-detail-title',
  indicadores: 'indicators-title',
  inicio: 'status-title',
  configuracion: 'setup-title',
  equipo: 'team-title',
};

function showView(view: View, focus = true): void {
  for (const v of VIEWS) el(`view-${v}`).hidden = v !== view;
  document.querySelectorAll<HTMLButtonElement>('#nav button[data-view]').forEach((b) => {
    if (b.dataset.view === NAV_OF[view]) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  });
  if (focus) {
    const heading = el(HEADINGS[view]);
    heading.tabIndex = -1;
    heading.focus();
  }
}

/** The entries of the navigation that belong to the "Atenciones Virtuales" spreadsheet («Datos personales» is in both). */
const ATTENTION_VIEWS: readonly View[] = ['hoy', 'importar', 'presencial'];

/**
 * The day's screens and "Datos personales" only make sense in the "Atenciones Virtuales"
 * spreadsheet, «Módulos» in "Programación Talleres Masivos"; no navigation before setup.
 */
function showNav(role: string | null): void {
  el('nav').hidden = role !== 'atenciones' && role !== 'talleres';
  document.querySelectorAll<HTMLButtonElement>('#nav button[data-view]').forEach((b) => {
    if (ATTENTION_VIEWS.includes(b.dataset.view as View)) b.hidden = role !== 'atenciones';
  });
  el('nav-modules').hidden = role !== 'talleres';
  el('nav-external').hidden = role !== 'talleres';
}

/**
 * What the server says about the person decides which entries they see: «Equipo y permisos»
 * and «Esta hoja» (setup) are for coordinators; a consultant would only get a refusal there.
 * `null`: not known yet (the entries stay as they are).
 */
function showCoordinatorEntries(coordinator: boolean | null): void {
  if (coordinator === null) return;
  el('nav-team').hidden = !coordinator;
  el('go-team').hidden = !coordinator;
  const sheet = document.querySelector<HTMLButtonElement>('#nav button[data-view="inicio"]');
  if (sheet) sheet.hidden = !coordinator;
}

async function openTeam(): Promise<void> {
  showView('equipo');
  await loadTeam();
}

async function openDay(): Promise<void> {
  showView('hoy');
  if (!dayNeedsLoad()) {
    renderDay();
    return;
  }
  const v = await loadDay();
  if (v && v.ready) showCoordinatorEntries(v.user.isCoordinator);
  if (v && !v.ready) await openModulesOrStatus(v.message);
}

/** «Módulos» (one call, which also says the spreadsheet's role). */
async function openModules(): Promise<void> {
  showView('modulos');
  renderModules();
  const m = await loadModules();
  if (m) showCoordinatorEntries(m.user.isCoordinator);
}

/** «Solicitudes externas» (one call). */
async function openExternal(): Promise<void> {
  showView('externas');
  const v = await loadExternal();
  if (v) showCoordinatorEntries(v.user.isCoordinator);
}

/** «Indicadores» (one call: recomputes the tab for the period last chosen). */
async function openIndicators(): Promise<void> {
  showView('indicadores');
  await loadIndicators();
}

/** From a request to its workshop in «Módulos»: the list read again, the module's entry in view and focused. */
async function openModuleOf(moduleId: string): Promise<void> {
  await openModules();
  const item = Array.from(document.querySelectorAll<HTMLElement>('#modules-list li.module')).find((li) => li.dataset.id === moduleId);
  if (!item) return;
  item.scrollIntoView({ block: 'start' });
  const heading = item.querySelector<HTMLElement>('.module-name');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

/** The Talleres spreadsheet opens on «Módulos»; any other that cannot show the day, on its status. */
async function openModulesOrStatus(why?: string): Promise<void> {
  const m = await loadModules();
  if (m && m.role === 'talleres') {
    showNav('talleres');
    showCoordinatorEntries(m.user.isCoordinator);
    showView('modulos', false);
    return;
  }
  if (m) await openStatus(why);
}

/** Status of the sheet; `why` says why the day could not be shown. */
async function openStatus(why?: string): Promise<SetupStatus | null> {
  const s = await loadStatus();
  if (s) {
    showNav(s.configured ? s.role : null);
    // Only a coordinator (or, before there is a team, the first one) gets the status.
    if (s.configured) showCoordinatorEntries(true);
    if (why) el('status-message').textContent = why;
    showView(s.configured ? 'inicio' : 'configuracion');
  }
  return s;
}

function start(): void {
  initErrorBox();
  initDay();
  initImport(markDayStale);
  initWalkIn(markDayStale);
  initPersonData(markDayStale);
  initTeam(() => {
    showCoordinatorEntries(false);
    // A change of roles changes what the day shows (another's contact data, «en lugar de»).
    markDayStale();
  });
  el('go-team').addEventListener('click', () => void openTeam());
  initModules((v) => showView(v));
  initExternal(
    (v) => showView(v),
    (moduleId) => void openModuleOf(moduleId),
  );
  initIndicators();
  initSetup(
    (v) => showView(v),
    (s) => {
      showNav(s !== null && s.configured ? s.role : null);
      if (s?.configured) showCoordinatorEntries(true);
      markDayStale();
    },
  );
  el('nav').setAttribute('aria-label', M.nav.label);
  document.querySelectorAll<HTMLButtonElement>('#nav button[data-view]').forEach((b) => {
    b.addEventListener('click', () => {
      const view = b.dataset.view as View;
      if (view === 'hoy') void openDay();
      else if (view === 'inicio') void openStatus();
      else if (view === 'equipo') void openTeam();
      else if (view === 'modulos') void openModules();
      else if (view === 'externas') void openExternal();
      else if (view === 'indicadores') void openIndicators();
      else {
        // Another screen's call may have turned every button on: the deletion stays locked.
        if (view === 'datos') syncPersonDataControls();
        showView(view);
      }
    });
  });

  const initial = document.body.getAttribute('data-initial-view');
  if (initial === 'configuracion') {
    void loadStatus().then((s) => {
      showNav(s !== null && s.configured ? s.role : null);
      if (s?.configured) showCoordinatorEntries(true);
      showView('configuracion');
    });
    return;
  }
  // "Abrir panel": the day in one call; a spreadsheet that cannot show one opens its status.
  void loadDay().then((v) => {
    if (v && v.ready) {
      showNav('atenciones');
      showCoordinatorEntries(v.user.isCoordinator);
      showView('hoy', false);
    } else if (v) {
      // The workshops spreadsheet opens on «Módulos»; one not set up, on its status screen.
      void openModulesOrStatus();
    }
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
