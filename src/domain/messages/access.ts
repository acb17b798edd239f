/**
 * What a person reads about access: refusals (which say nothing of what exists), the team screen
 * ("Equipo y permisos") and "atender en lugar de". Roles and rules live in ../access.ts.
 */
import type { TeamRole } from '../access';

export const ROLE_NAMES: Record<TeamRole, string> = {
  coordinador: 'Coordinador(a)',
  consultor: 'Consultor(a)',
};

export const ACCESS_MESSAGES = {
  /** The one refusal a stranger sees: it names no data, no person and no reason. */
  refused:
    'No tiene permiso para usar esta función. Si trabaja en el servicio, pida a la coordinación que le registre en «Equipo y permisos».',
  /** A consultant asking for a coordinator's function: they are staff, so they may know why. */
  coordinatorOnly: 'Esta función es solo para la coordinación del servicio. Si necesita hacerlo, pídaselo a un(a) coordinador(a).',
  /** Someone without a visible Google account (another domain, a simple trigger). */
  noIdentity:
    'No pudimos confirmar con qué cuenta de Google ha ingresado. Abra la hoja con su cuenta institucional e inténtelo de nuevo.',
  /** A trigger-only function called from the panel, a menu or the editor. */
  triggerOnly: 'Esta tarea la ejecuta el sistema de forma automática; no se puede iniciar desde el panel.',
  notYours: (consultant: string) =>
    `Esta cita es de ${consultant || 'otro consultor'}. Para atenderla, use «Atender en lugar de» e indique el motivo.`,
  onBehalfReasonMissing: 'Indique el motivo por el que atenderá esta cita en lugar de su consultor(a).',
  onBehalfGranted: (consultant: string) => `Puede atender esta cita en lugar de ${consultant || 'su consultor(a)'}. Quedó registrado con el motivo indicado.`,
  onBehalfAlreadyYours: 'Esta cita ya es suya; no hace falta atenderla en lugar de nadie.',
  teamSaved: (email: string) => `Se guardaron los permisos de ${email}.`,
  teamRemoved: (email: string) => `Se retiraron los permisos de ${email}.`,
  teamProblem: {
    email: 'Escriba un correo válido (por ejemplo, nombre@trabajo.gob.pe).',
    roles: 'Elija al menos un rol: Coordinador(a) o Consultor(a).',
    'last-coordinator': 'Debe quedar al menos un(a) coordinador(a). Registre a otra persona como coordinador(a) antes de hacer este cambio.',
    name: 'El nombre no puede empezar con =, +, - o @ ni contener < o >.',
    'not-found': 'Esa persona no está registrada en el equipo.',
  },
  siblingNotProven: (otherLabel: string) =>
    `No se registró la hoja hermana: debe estar configurada como «${otherLabel}» y usted debe figurar allí como coordinador(a). Configure primero esa hoja y vuelva a ejecutar «Configurar esta hoja».`,
  teamCreated: (email: string) => `Se creó el equipo de esta hoja; ${email} es su primer(a) coordinador(a).`,
  teamMigrated: (n: number) => `Se registraron en el equipo ${n} consultor(es) que figuraban en «Configuración».`,
} as const;

/** Audit log wording (the 'Acción' column). */
export const ACCESS_AUDIT = {
  refused: 'Acceso denegado',
  teamCreated: 'Equipo creado',
  memberSaved: 'Permisos guardados',
  memberRemoved: 'Permisos retirados',
  onBehalf: 'Atender en lugar de',
  siblingRefused: 'Hoja hermana no registrada',
  protectionApplied: 'Protección aplicada',
} as const;
