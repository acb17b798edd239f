/**
 * An approved external request becomes a one-session module (C02): its name, capacity, audience
 * and session, from the request's row. Pure: src/app/external/workshop.ts reads the row and saves
 * the module through the programme's save (src/app/workshops/programme.ts).
 */
import { capacityFor } from './capacity';
import { formatHHmm, limaDateKey } from '../lima-time';
import { EXTERNAL_WORKSHOP_TEXT as T } from '../messages/external-workshop';
import { MAX_CAPACITY, MAX_NAME_LENGTH, MAX_TOPIC_LENGTH, quarterOfDate, type ModuleInput } from '../workshops/module';

/** capacity = ceil(expected × (1 + margin/100)), at least the expected number, at most the module's maximum. */
export function externalCapacity(expected: number, marginPercent: number): number {
  // The one rule the panel and the approval email show too; never fewer places than people expected.
  const e = Number.isFinite(expected) && expected > 0 ? Math.floor(expected) : 0;
  return Math.max(Math.min(e, MAX_CAPACITY), capacityFor(e, marginPercent));
}

function clip(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : t.slice(0, max - 1).trimEnd() + '…';
}

/** What the request's row holds for its workshop. */
export interface ApprovedRequest {
  id: string;
  institution: string;
  topic: string;
  expected: number;
  proposedStart: Date;
  proposedEnd: Date;
  speaker: string;
  speakerEmail: string;
}

/** The module as the programme's save takes it: one session, attendance rule 1. */
export function externalModuleInput(r: ApprovedRequest, marginPercent: number): ModuleInput {
  const { year, quarter } = quarterOfDate(r.proposedStart);
  const date = limaDateKey(r.proposedStart);
  const topic = clip(r.topic, MAX_TOPIC_LENGTH);
  return {
    name: T.moduleName(clip(r.topic, 70), clip(r.institution, 60), date.slice(8, 10) + '/' + date.slice(5, 7)).slice(0, MAX_NAME_LENGTH),
    year,
    quarter,
    audience: clip(T.audience(r.institution), 300),
    capacity: externalCapacity(r.expected, marginPercent),
    minSessions: 1,
    sessions: [
      {
        topic,
        date,
        startTime: formatHHmm(r.proposedStart),
        endTime: formatHHmm(r.proposedEnd),
        speaker: r.speaker,
        speakerEmail: r.speakerEmail,
      },
    ],
  };
}
