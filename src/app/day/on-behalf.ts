/**
 * "Atender en lugar de" (docs/access-model.md): a consultant acts on another consultant's
 * appointment only after saying why. The grant (who, why, when) is kept in one document
 * property keyed by appointment ID, audited, and lets that person — only them — work on that
 * appointment from then on. Grants older than a few days are dropped when a new one is written:
 * an appointment is worked on the day it happens.
 */
import { cleanText } from '../../domain/text';
import { ACCESS_AUDIT, ACCESS_MESSAGES as AM } from '../../domain/messages/access';
import type { KeyValueStore } from '../../ports';

export const ON_BEHALF_PROPERTY = 'SOE_ON_BEHALF';
const KEEP_MS = 3 * 24 * 3600_000;
const MAX_REASON = 300;

export interface OnBehalfGrant {
  email: string;
  reason: string;
  /** ISO time. */
  at: string;
}

export function readGrants(properties: KeyValueStore): Record<string, OnBehalfGrant> {
  const raw = properties.get(ON_BEHALF_PROPERTY);
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as unknown;
    if (!v || typeof v !== 'object') return {};
    const out: Record<string, OnBehalfGrant> = {};
    for (const [id, g] of Object.entries(v as Record<string, Partial<OnBehalfGrant>>)) {
      if (g && typeof g.email === 'string' && typeof g.reason === 'string' && typeof g.at === 'string') out[id] = { email: g.email, reason: g.reason, at: g.at };
    }
    return out;
  } catch {
    return {};
  }
}

/** IDs of the appointments `email` may work on in someone else's place. */
export function grantedTo(grants: Record<string, OnBehalfGrant>, email: string): Set<string> {
  const e = email.trim().toLowerCase();
  return new Set(Object.entries(grants).filter(([, g]) => g.email === e).map(([id]) => id));
}

export type GrantOutcome = { ok: true; grant: OnBehalfGrant } | { ok: false; message: string };

/** Records the grant for `id` (call holding the lock, after checking the appointment exists and is not theirs). */
export function recordGrant(properties: KeyValueStore, id: string, email: string, reason: unknown, now: Date): GrantOutcome {
  const why = cleanText(String(reason ?? ''), MAX_REASON).trim();
  if (why.length < 3) return { ok: false, message: AM.onBehalfReasonMissing };
  const grants = readGrants(properties);
  for (const [k, g] of Object.entries(grants)) if (now.getTime() - Date.parse(g.at) > KEEP_MS) delete grants[k];
  const grant = { email: email.trim().toLowerCase(), reason: why, at: now.toISOString() };
  grants[id] = grant;
  properties.setAll({ [ON_BEHALF_PROPERTY]: JSON.stringify(grants) });
  return { ok: true, grant };
}

export const ON_BEHALF_AUDIT = ACCESS_AUDIT.onBehalf;
