/** The web app's pages of a withdrawal from a module (B05): what the person reads, Spanish. */
import type { LinkPage } from '../web-links';

const CONTACT = 'Si tiene alguna duda, responda al correo de su inscripción.';

export const WITHDRAWAL_PAGES = {
  confirm: (moduleName: string, dates: string, status: string): LinkPage => ({
    title: status === 'En lista de espera' ? 'Salir de la lista de espera' : 'Retirar su inscripción',
    paragraphs: [
      status === 'En lista de espera'
        ? `Está en la lista de espera del taller «${moduleName}»${dates ? ` (${dates})` : ''}. Si sale de la lista, ya no le avisaremos cuando se libere un cupo.`
        : `Está inscrito(a) en el taller «${moduleName}»${dates ? ` (${dates})` : ''}. Si retira su inscripción, su cupo pasará a la primera persona de la lista de espera.`,
      '¿Desea continuar?',
    ],
    confirm: status === 'En lista de espera' ? 'Sí, salir de la lista de espera' : 'Sí, retirar mi inscripción',
  }),
  done: (moduleName: string): LinkPage => ({
    title: 'Listo',
    paragraphs: [`Retiramos su inscripción del taller «${moduleName}». Gracias por avisarnos: su cupo queda para otra persona.`, 'Puede inscribirse de nuevo mientras la inscripción siga abierta. ' + CONTACT],
  }),
  already: (moduleName: string): LinkPage => ({
    title: 'Su inscripción ya estaba retirada',
    paragraphs: [`No hay nada más que hacer: su inscripción${moduleName ? ` en el taller «${moduleName}»` : ''} ya no ocupa ni espera un cupo.`, CONTACT],
  }),
  over: (moduleName: string): LinkPage => ({
    title: 'El taller ya se realizó',
    paragraphs: [`El taller «${moduleName}» ya se realizó, por lo que no hay una inscripción que retirar.`, CONTACT],
  }),
  unknown: {
    title: 'No encontramos la inscripción',
    paragraphs: ['No encontramos una inscripción para este enlace. Es posible que haya sido eliminada.', CONTACT],
  } as LinkPage,
} as const;
