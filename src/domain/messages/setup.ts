/**
 * What a consultant reads about the menu, the panel's shell and setting up a spreadsheet.
 * Tab names, headers and settings rows live in ../schema.ts; everything else of this area is here.
 */
import type { Role } from '../schema';

export const PRODUCT_NAME = 'Emprendimiento';
export const PRODUCT_FULL_NAME = 'Servicio de Orientación para el Emprendimiento (MTPE)';
export const PRODUCT_VERSION = '0.1.0';

/** The custom menu ("Emprendimiento") and its items. */
export const MENU = {
  title: PRODUCT_NAME,
  openPanel: 'Abrir panel',
  setup: 'Configurar esta hoja',
  diagnostics: 'Diagnóstico',
  about: 'Acerca de',
} as const;

export const SIDEBAR_TITLE = 'Emprendimiento';

export const ROLE_LABELS: Record<Role, string> = {
  atenciones: 'Atenciones Virtuales – Centro de Empleo',
  talleres: 'Programación Talleres Masivos',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  atenciones: 'Citas de atención personalizada: recordatorios, atención, encuestas y cierre del día.',
  talleres: 'Módulos y talleres: sesiones, inscripciones, asistencia y certificados.',
};

export const ABOUT_TEXT =
  `${PRODUCT_FULL_NAME}, versión ${PRODUCT_VERSION}.\n\n` +
  'Automatiza el procedimiento PE-SOE-001-01: citas de atención personalizada y talleres de emprendimiento. ' +
  'Use «Emprendimiento › Configurar esta hoja» la primera vez, y «Abrir panel» para trabajar.\n\n' +
  'Los datos personales se tratan conforme a la Ley N.° 29733, Ley de Protección de Datos Personales.';

/** Audit log wording for setup (the 'Acción' column). */
export const SETUP_AUDIT = {
  tabCreated: 'Pestaña creada',
  columnsAdded: 'Columnas agregadas',
  headerFrozen: 'Encabezado inmovilizado',
  timeZoneSet: 'Zona horaria ajustada',
  settingsAdded: 'Parámetros agregados',
  settingUpdated: 'Parámetro actualizado',
  roleRecorded: 'Función de la hoja registrada',
  roleChanged: 'Función de la hoja cambiada',
  siblingRecorded: 'Hoja hermana registrada',
  triggerInstalled: 'Activador instalado',
  triggerRemoved: 'Activador eliminado',
  triggersSkipped: 'Activadores no instalados',
  setupRun: 'Configuración de la hoja',
} as const;

/** Lines of the setup report the panel shows, and what setup refuses. */
export const SETUP_MESSAGES = {
  tabCreated: (tab: string) => `Se creó la pestaña «${tab}».`,
  columnsAdded: (tab: string, headers: string[]) =>
    `En «${tab}» se ${headers.length === 1 ? 'agregó la columna' : 'agregaron las columnas'} ${headers.map((h) => `«${h}»`).join(', ')} al final.`,
  headerFrozen: (tab: string) => `Se inmovilizó la fila de encabezados de «${tab}».`,
  timeZoneSet: (from: string) => `La zona horaria de la hoja era «${from}»; ahora es America/Lima (hora de Lima).`,
  settingsAdded: (n: number) => (n === 1 ? 'Se agregó 1 parámetro a «Configuración».' : `Se agregaron ${n} parámetros a «Configuración».`),
  settingUpdated: (name: string) => `Se actualizó «${name}» en «Configuración».`,
  protectionApplied: (tab: string) => `Se protegió la pestaña «${tab}» para evitar cambios por error.`,
  roleRecorded: (label: string) => `Esta hoja quedó registrada como «${label}».`,
  roleChanged: (from: string, to: string) =>
    `Esta hoja estaba registrada como «${from}» y ahora es «${to}». Las pestañas anteriores no se borraron.`,
  siblingRecorded: (name: string | null) =>
    name ? `Hoja hermana registrada: «${name}».` : 'Se registró el ID de la hoja hermana.',
  // Google runs a daily trigger at a minute of its choosing within the hour (Installable triggers guide).
  // Issue 15 (i15-report): the monthly report's trigger.
  monthlyTriggerInstalled: (what: string, day: number, hour: number) => `Se programó ${what} cada mes, el día ${day} entre las ${hour}:00 y las ${(hour + 1) % 24}:00 (hora de Lima; si ese día no es laborable, el primer día hábil).`,
  triggerInstalled: (what: string, hour: number) => `Se programó ${what} todos los días entre las ${hour}:00 y las ${(hour + 1) % 24}:00 (hora de Lima).`,
  triggerRemoved: (handler: string, why: 'duplicate' | 'outdated' | 'unneeded') =>
    why === 'duplicate'
      ? `Se eliminó un activador repetido de «${handler}».`
      : why === 'outdated'
        ? `Se reemplazó el activador de «${handler}» por uno con el horario vigente.`
        : `Se eliminó el activador de «${handler}», que esta hoja ya no usa.`,
  nothingToDo: 'Todo estaba en orden: no hubo nada que crear ni corregir.',
  done: 'La hoja quedó configurada.',

  // Warnings (setup continues)
  noSibling:
    'Aún no se indicó el ID de la hoja hermana. Puede volver a configurar esta hoja cuando la otra exista.',
  siblingUnreachable:
    'No se pudo abrir la hoja hermana con ese ID. Verifique que el ID sea correcto y que usted tenga acceso a esa hoja.',
  triggersOwnedByOther: (owner: string) =>
    `Las tareas automáticas de esta hoja ya las instaló ${owner}. Para no duplicarlas no se instalaron otras. ` +
    'Si esa persona ya no trabaja con esta hoja, vuelva a configurarla marcando «Tomar a mi cargo las tareas automáticas».',
  triggersTakenOver: (previous: string) =>
    `Usted quedó a cargo de las tareas automáticas. Pida a ${previous} que elimine sus activadores (Extensiones › Apps Script › Activadores) para que no se ejecuten dos veces.`,
  invalidSetting: (name: string, value: string, used: string) =>
    `El valor «${value}» de «${name}» no es válido; se usa ${used}. Corríjalo en la pestaña «Configuración».`,
  duplicateIds: (tab: string, ids: string[]) =>
    `En «${tab}» hay filas con el mismo ID (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? '…' : ''}); el sistema usa la primera de cada una.`,

  // Refusals (setup does nothing)
  invalidRole: 'Elija la función de esta hoja: «Atenciones Virtuales – Centro de Empleo» o «Programación Talleres Masivos».',
  invalidSiblingId:
    'El ID de la hoja hermana no es válido. Copie el enlace de la otra hoja (o solo la parte entre «/d/» y «/edit») y péguelo aquí.',
  siblingIsSelf: 'El ID de la hoja hermana es el de esta misma hoja. Indique el ID de la otra hoja del servicio.',
  lockBusy: 'Otra tarea está usando la hoja en este momento. Espere un minuto y vuelva a intentarlo.',
} as const;

/** What the time-driven tasks are called in the setup report. */
export const TASK_LABELS: Record<string, string> = {
  runReminders: 'el envío de recordatorios',
  runDayClosing: 'el cierre del día',
  // Issue 15 (i15-report).
  runMonthlyReport: 'el informe mensual a la Sub Dirección',
};

/** Names of the automatic tasks in the audit log ('Acción'). */
export const TASK_TITLES: Record<string, string> = {
  runReminders: 'Envío de recordatorios',
  runDayClosing: 'Cierre del día',
};

/** How an execution started, for the audit log's 'Ejecución' column. */
export const EXECUTION_KINDS = {
  menu: 'Menú',
  panel: 'Panel',
  dailyTrigger: 'Activador diario',
  /** A visitor opening a link of the web app (doGet/doPost). */
  webApp: 'Aplicación web',
} as const;

/** Logged by a trigger handler whose capability is not in this version yet (no fake success). */
export const NOT_AVAILABLE_YET = (task: string) =>
  `${task}: esta versión todavía no realiza esta tarea; no se hizo nada.`;
