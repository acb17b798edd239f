/**
 * How Apps Script advanced services surface a Google API error: a
 * `GoogleJsonResponseException` whose message is
 * "API call to calendar.events.<method> failed with error: <the API's message>".
 * The API's HTTP code and reason are kept in `details`, as the real exception's `details` has them.
 */
export class GoogleJsonResponseException extends Error {
  constructor(
    readonly apiMethod: string,
    readonly details: { code: number; message: string; reason: string },
  ) {
    super(`API call to ${apiMethod} failed with error: ${details.message}`);
    this.name = 'GoogleJsonResponseException';
  }
}

/** Messages and reasons of the Calendar API (developers.google.com/calendar/api/guides/errors). */
export const CALENDAR_API_ERRORS = {
  invalidId: { code: 400, reason: 'invalid', message: 'Invalid resource id value.' },
  duplicate: { code: 409, reason: 'duplicate', message: 'The requested identifier already exists.' },
  notFound: { code: 404, reason: 'notFound', message: 'Not Found' },
  deleted: { code: 410, reason: 'deleted', message: 'Resource has been deleted' },
  emptyRange: { code: 400, reason: 'timeRangeEmpty', message: 'The specified time range is empty.' },
  missingEnd: { code: 400, reason: 'required', message: 'Missing end time.' },
  missingStart: { code: 400, reason: 'required', message: 'Missing start time.' },
  startZone: { code: 400, reason: 'required', message: 'Missing time zone definition for start time.' },
  endZone: { code: 400, reason: 'required', message: 'Missing time zone definition for end time.' },
  badRequest: { code: 400, reason: 'badRequest', message: 'Bad Request' },
  invalidAttendee: { code: 400, reason: 'invalid', message: 'Invalid attendee email.' },
  invalidConferenceType: { code: 400, reason: 'invalid', message: 'Invalid conference type value.' },
  usageLimits: { code: 403, reason: 'quotaExceeded', message: 'Calendar usage limits exceeded.' },
} as const;

export type CalendarApiError = (typeof CALENDAR_API_ERRORS)[keyof typeof CALENDAR_API_ERRORS];

/** `method` as the API names it: insert, get, patch, list, delete (Apps Script's `remove`). */
export function apiError(method: string, e: CalendarApiError): GoogleJsonResponseException {
  return new GoogleJsonResponseException(`calendar.events.${method}`, { code: e.code, message: e.message, reason: e.reason });
}
