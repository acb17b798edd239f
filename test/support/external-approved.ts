/**
 * An approved external request (C01 done elsewhere: i14-intake and i14-decision) put straight
 * into 'Solicitudes externas' by header, for the tests of the workshop it becomes (C02–C04).
 * Owned by i14-workshop; the shared world of the whole journey is test/support/external-world.ts.
 */
import type { Workspace } from '../../emulator';
import { limaDate } from '../../src/domain/lima-time';
import { EXTERNAL_REQUESTS_TAB, type ExternalRequestKey } from '../../src/domain/schema';
import { putRows } from './workshop-rows';

const HEADER = new Map(EXTERNAL_REQUESTS_TAB.columns.map((c) => [c.key, c.header]));

export interface ApprovedRequestSeed {
  id: string;
  institution?: string;
  topic?: string;
  expected?: number;
  /** Lima wall time of the proposed start, e.g. '2026-12-10T18:00'. */
  start?: string;
  /** Minutes. */
  durationMin?: number;
  speaker?: string;
  speakerEmail?: string;
  contactName?: string;
  contactEmail?: string;
  certificates?: boolean;
  /** Any other column, by key. */
  extra?: Partial<Record<ExternalRequestKey, unknown>>;
}

export function limaWall(at: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(at);
  if (!m) throw new Error(`bad Lima time ${at}`);
  return limaDate(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}

/** The row as the approval leaves it: state 'Aprobada', the proposal, the decision recorded. */
export function approvedRow(s: ApprovedRequestSeed, decidedAt: Date): Record<string, unknown> {
  const start = limaWall(s.start ?? '2026-12-10T18:00');
  const end = new Date(start.getTime() + (s.durationMin ?? 120) * 60_000);
  const values: Partial<Record<ExternalRequestKey, unknown>> = {
    id: s.id,
    responseId: `resp-${s.id}`,
    receivedAt: new Date(decidedAt.getTime() - 3 * 86_400_000),
    state: 'Aprobada',
    institution: s.institution ?? 'CETPRO San Martín de Porres',
    ruc: '20100070970',
    institutionType: 'CETPRO',
    region: 'Lima',
    district: 'San Martín de Porres',
    contactName: s.contactName ?? 'Rosa Villanueva',
    contactRole: 'Directora',
    contactEmail: s.contactEmail ?? 'direccion@cetpro-smp.edu.pe',
    contactPhone: '+51 987654321',
    topic: s.topic ?? 'Plan de negocios',
    expected: s.expected ?? 40,
    modality: 'Virtual',
    ack: 'enviado',
    proposedStart: start,
    proposedEnd: end,
    speaker: s.speaker ?? 'Carmen Vílchez',
    speakerEmail: s.speakerEmail ?? 'carmen.vilchez@gmail.com',
    certificates: s.certificates ?? true,
    approvalRound: 1,
    approvalMail: 'enviado',
    sentForApprovalAt: new Date(decidedAt.getTime() - 86_400_000),
    sentForApprovalBy: 'ana.quispe@trabajo.gob.pe',
    decision: 'Aprobada',
    decisionChannel: 'Enlace',
    decidedBy: 'subdirector@trabajo.gob.pe',
    decidedAt,
    updatedAt: decidedAt,
    ...(s.extra ?? {}),
  };
  const row: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) row[HEADER.get(k as ExternalRequestKey)!] = v;
  return row;
}

/** Appends approved requests to 'Solicitudes externas' (decided at the workspace's now). */
export function seedApprovedRequests(ws: Workspace, talleres: string, seeds: readonly ApprovedRequestSeed[]): void {
  const now = new Date(ws.state.clock.now());
  putRows(ws, talleres, 'Solicitudes externas', seeds.map((s) => approvedRow(s, now)));
}
