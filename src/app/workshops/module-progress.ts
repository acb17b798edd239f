/**
 * The facts behind a module's B01–B05 stage that live outside 'Módulos' and 'Sesiones' (issue 11,
 * item 6): its registrants ('Inscripciones'), its invitations ('Invitaciones') and whether the Sub
 * Dirección's and the Dirección's addresses are configured ('Configuración'). Each tab is read once
 * per execution (the Table port keeps its snapshot); a spreadsheet set up before those tabs
 * existed simply has no registrants and no invitations.
 */
import { INVITATIONS_TAB, REGISTRATIONS_TAB, SETTINGS_TAB, type RegistrationKey } from '../../domain/schema';
import type { TableRow } from '../../domain/table';
import type { Workbook } from '../../ports';
import { readSettings } from '../settings';

/** A module's registrations by state, and its places ('Cupos'). 'Anulado' rows are not counted. */
export interface RegistrationCounts {
  /** 'Inscrito' */
  confirmed: number;
  /** 'En lista de espera' */
  waiting: number;
  /** 'Por revisar' */
  review: number;
  /** 'Retirado' */
  withdrawn: number;
  capacity: number;
}

export interface InvitationCounts {
  /** '' or 'pendiente': still to go. */
  pending: number;
  sent: number;
  failed: number;
  /** 'enviando': a send interrupted, shown to a person. */
  uncertain: number;
}

export interface ModuleProgress {
  /** Registration rows by module ID, in sheet order. */
  registrationsOf: Map<string, TableRow<RegistrationKey>[]>;
  invitationsOf: Map<string, InvitationCounts>;
  subDirectorEmailSet: boolean;
  directionEmailSet: boolean;
}

function text(v: unknown): string {
  if (v === null || v === undefined || v instanceof Date) return '';
  return String(v).trim();
}

/** Reads 'Inscripciones', 'Invitaciones' and 'Configuración' (each at most once per execution). */
export function readProgress(wb: Workbook): ModuleProgress {
  const registrationsOf = new Map<string, TableRow<RegistrationKey>[]>();
  const registrations = wb.table(REGISTRATIONS_TAB);
  if (registrations.exists()) {
    for (const row of registrations.read().rows) {
      const m = text(row.record.moduleId);
      if (!row.id || !m) continue;
      const list = registrationsOf.get(m) ?? [];
      list.push(row);
      registrationsOf.set(m, list);
    }
  }
  const invitationsOf = new Map<string, InvitationCounts>();
  const invitations = wb.table(INVITATIONS_TAB);
  if (invitations.exists()) {
    for (const row of invitations.read().rows) {
      const m = text(row.record.moduleId);
      if (!row.id || !m) continue;
      const c = invitationsOf.get(m) ?? { pending: 0, sent: 0, failed: 0, uncertain: 0 };
      const d = text(row.record.delivery);
      if (d === 'enviado') c.sent++;
      else if (d === 'error') c.failed++;
      else if (d === 'enviando') c.uncertain++;
      else c.pending++;
      invitationsOf.set(m, c);
    }
  }
  const { settings } = readSettings(wb.table(SETTINGS_TAB));
  return { registrationsOf, invitationsOf, subDirectorEmailSet: settings.subDirectorEmail !== '', directionEmailSet: settings.directionEmail !== '' };
}

export function registrationCounts(p: ModuleProgress, moduleId: string, capacity: number): RegistrationCounts {
  const c: RegistrationCounts = { confirmed: 0, waiting: 0, review: 0, withdrawn: 0, capacity };
  for (const row of p.registrationsOf.get(moduleId) ?? []) {
    switch (text(row.record.status)) {
      case 'Inscrito':
        c.confirmed++;
        break;
      case 'En lista de espera':
        c.waiting++;
        break;
      case 'Por revisar':
        c.review++;
        break;
      case 'Retirado':
        c.withdrawn++;
        break;
      default:
        break;
    }
  }
  return c;
}

export function invitationCounts(p: ModuleProgress, moduleId: string): InvitationCounts {
  return p.invitationsOf.get(moduleId) ?? { pending: 0, sent: 0, failed: 0, uncertain: 0 };
}
