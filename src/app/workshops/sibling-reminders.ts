/**
 * The attention flow's reserve in the day's mail quota (issue 11, B05; issue 12, B06–B08): the
 * reminders still due in the sibling spreadsheet's 'Citas' go first, so a workshop job only
 * sends what is left (domain/workshops/invitations.ts `invitationBudget`). Read only; the
 * sibling is another spreadsheet opened by its recorded ID.
 */
import { APPOINTMENTS_TAB } from '../../domain/schema';
import { remindersStillDue } from '../../domain/workshops/invitations';
import type { KeyValueStore, Workbooks } from '../../ports';
import { recordedSiblingId } from '../setup';
import { dateOf, text } from './cells';

/** Reminders still due today and tomorrow in the sibling's 'Citas'; null when it cannot be read (the reserve then assumes many). */
export function siblingRemindersDue(deps: { workbooks: Workbooks; properties: KeyValueStore }, now: Date): number | null {
  try {
    const id = recordedSiblingId(deps.properties);
    const sibling = id ? deps.workbooks.open(id) : null;
    if (!sibling) return null;
    const citas = sibling.table(APPOINTMENTS_TAB);
    if (!citas.exists()) return 0;
    return remindersStillDue(
      citas
        .read()
        .rows.filter((r) => r.id !== '')
        .map((r) => ({ start: dateOf(r.record.start), status: text(r.record.status), reminderStatus: text(r.record.reminderStatus) })),
      now,
    );
  } catch {
    return null;
  }
}
