/** What the consultant reads in the panel's shell (Spanish, Peru). Server-side texts come from the server. */
export const M = {
  loading: 'Cargando…',
  loadingStatus: 'Revisando esta hoja…',
  settingUp: 'Configurando la hoja… puede tardar un minuto.',
  errorTitle: 'No se pudo completar la acción.',
  notInSheets: 'Este panel funciona dentro de Google Sheets: ábralo desde el menú «Emprendimiento».',
  unknownError: 'Ocurrió un error inesperado. Vuelva a intentarlo; si se repite, avise al responsable técnico.',
  chooseRole: 'Elija qué hoja es esta.',
  facts: {
    spreadsheet: 'Hoja',
    role: 'Función',
    sibling: 'Hoja hermana (ID)',
    tasksOwner: 'Tareas automáticas a cargo de',
    lastSetup: 'Última configuración',
    user: 'Usted',
  },
  none: '—',
  notConfigured: 'Esta hoja aún no está configurada. Use «Configurar esta hoja».',
  configured: 'La hoja está lista.',
  missingTabs: (tabs: string[]) =>
    `Faltan ${tabs.length === 1 ? 'la pestaña' : 'las pestañas'} ${tabs.map((t) => `«${t}»`).join(', ')}. Vuelva a configurar la hoja para crearlas.`,
  takeoverHelp: (owner: string) =>
    `Las tareas automáticas las instaló ${owner}. Márquelo solo si esa persona ya no trabaja con esta hoja.`,
  version: (v: string) => `Servicio de Orientación para el Emprendimiento – MTPE · versión ${v}`,
} as const;
