/**
 * The spreadsheet's signing secret: the key of the HMACs that make survey tokens and walk-in IDs
 * (domain/ids.ts). Kept in the document properties, where only the script reads it; created once
 * with a random value (KeyValueStore.secret) the first time anything needs it, never shown in a
 * sheet, a log or the panel. If it is lost (someone deletes the property), a new one is made:
 * survey links already sent stop matching and their answers go to 'Revisión' for a person —
 * nothing is lost — and walk-ins booked before keep the IDs they have.
 */
import { surveyToken, walkInId } from '../domain/ids';
import type { KeyValueStore } from '../ports';

/** Document property holding the secret. */
export const SIGNING_SECRET_PROPERTY = 'SOE_SIGNING_SECRET';

/**
 * The secret, from `props` when the caller has just read every property, else from the store
 * (created there when missing: call it under the script lock).
 */
export function signingSecret(properties: KeyValueStore, props?: Readonly<Record<string, string>>): string {
  return (props && props[SIGNING_SECRET_PROPERTY]) || properties.secret(SIGNING_SECRET_PROPERTY);
}

/** The token the survey link of `appointmentId` carries. */
export function appointmentSurveyToken(properties: KeyValueStore, appointmentId: string, props?: Readonly<Record<string, string>>): string {
  return surveyToken(signingSecret(properties, props), appointmentId);
}

/** 'ID de cita' of an appointment without a platform code; see domain/ids.walkInId. */
export function appointmentIdWithoutCode(properties: KeyValueStore, documentNumber: string, start: Date): string {
  return walkInId(signingSecret(properties), documentNumber, start);
}
