/**
 * The Meetings port over the Calendar advanced service (v3): events with a Google Meet link in
 * the consultant's primary calendar. CalendarApp cannot create Meet links nor set an event's ID;
 * Events.insert can, with `conferenceDataVersion: 1` (scope calendar.events).
 *
 * The event ID is deterministic (domain/ids), so a retry after an ambiguous failure finds the
 * event the first attempt made instead of creating a second one: Calendar answers an insert with
 * an existing ID with "The requested identifier already exists" (HTTP 409).
 */
import type { MeetingInfo, MeetingMove, MeetingRequest, Meetings } from '../ports';

type Event = GoogleAppsScript.Calendar.Schema.Event;

const CALENDAR_ID = 'primary';
const TIME_ZONE = 'America/Lima';

function calendar(): GoogleAppsScript.Calendar {
  if (typeof Calendar === 'undefined' || !Calendar) {
    throw new Error('The Calendar advanced service is not enabled (appsscript.json dependencies.enabledAdvancedServices)');
  }
  return Calendar;
}

export function isAlreadyExists(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String(e);
  return /already exists|duplicate|\b409\b/i.test(msg);
}

function isNotFound(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String(e);
  return /not found|\b404\b|\b410\b|deleted/i.test(msg);
}

export function meetingInfo(ev: Event, created: boolean): MeetingInfo {
  const video = (ev.conferenceData?.entryPoints ?? []).find((p) => p.entryPointType === 'video');
  return {
    eventId: String(ev.id ?? ''),
    meetUrl: ev.hangoutLink ?? video?.uri ?? null,
    htmlLink: String(ev.htmlLink ?? ''),
    cancelled: ev.status === 'cancelled',
    created,
    guests: (ev.attendees ?? []).map((a) => ({ email: String(a.email ?? ''), responseStatus: a.responseStatus ?? undefined })),
  };
}

export class CalendarMeetings implements Meetings {
  ensureMeeting(req: MeetingRequest): MeetingInfo {
    const resource: Event = {
      id: req.eventId,
      summary: req.title,
      description: req.description,
      start: { dateTime: req.start.toISOString(), timeZone: TIME_ZONE },
      end: { dateTime: req.end.toISOString(), timeZone: TIME_ZONE },
      attendees: req.guests.map((email) => ({ email })),
      conferenceData: { createRequest: { requestId: req.requestId, conferenceSolutionKey: { type: 'hangoutsMeet' } } },
    };
    const cal = calendar();
    try {
      const ev = cal.Events!.insert(resource, CALENDAR_ID, {
        conferenceDataVersion: 1,
        sendUpdates: req.notifyGuests ? 'all' : 'none',
      });
      return meetingInfo(ev, true);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      return meetingInfo(cal.Events!.get(CALENDAR_ID, req.eventId), false);
    }
  }

  /** Events.patch of the times (and text): the event keeps its ID, guests and Meet link. */
  move(eventId: string, change: MeetingMove): MeetingInfo | null {
    return this.patch(eventId, change, {});
  }

  /**
   * Events.patch with status "confirmed". Why restore rather than insert under a new ID: a
   * deleted event's ID can never be inserted again (events/insert answers 409 "The requested
   * identifier already exists"), while the Events resource documents that "on the organizer's
   * calendar, cancelled events continue to expose event details … so that they can be restored
   * (undeleted)". Restoring keeps one event per appointment, with its ID and Meet link, however
   * many times it is cancelled and reinstated; a fresh ID per cycle would need a counter kept
   * somewhere, and a crash between the insert and recording it would leave a second event.
   */
  restore(eventId: string, change: MeetingMove): MeetingInfo | null {
    return this.patch(eventId, change, { status: 'confirmed' });
  }

  private patch(eventId: string, change: MeetingMove, extra: Event): MeetingInfo | null {
    const resource: Event = {
      ...extra,
      start: { dateTime: change.start.toISOString(), timeZone: TIME_ZONE },
      end: { dateTime: change.end.toISOString(), timeZone: TIME_ZONE },
      ...(change.title !== undefined ? { summary: change.title } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
    };
    try {
      const ev = calendar().Events!.patch(resource, CALENDAR_ID, eventId, { sendUpdates: change.notifyGuests ? 'all' : 'none' });
      return meetingInfo(ev, false);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  /** Events.remove (the advanced service's name for events.delete): the event becomes 'cancelled'. */
  cancel(eventId: string): boolean {
    try {
      calendar().Events!.remove(CALENDAR_ID, eventId, { sendUpdates: 'none' });
      return true;
    } catch (e) {
      // 404: no such event; 410: deleted already (a person, or an earlier run that died before recording it).
      if (isNotFound(e)) return false;
      throw e;
    }
  }

  find(eventId: string): MeetingInfo | null {
    try {
      return meetingInfo(calendar().Events!.get(CALENDAR_ID, eventId), false);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }
}
