import type { ServiceEnv, ServiceInstaller } from '../core/env';
import { GasObject } from '../core/gas-object';
import { CalendarEvents } from './calendar/events';

export { calendarStore, CalendarStore } from './calendar/store';
export type { EventResource, GuestNotification, StoredEvent, SendUpdates } from './calendar/store';
export { GoogleJsonResponseException } from './calendar/errors';

/**
 * The advanced Calendar service (developers.google.com/apps-script/advanced/calendar): the
 * Calendar API v3 under the global `Calendar`. The runtime only exposes it when the manifest
 * enables it (`enabledAdvancedServices`), as Apps Script does.
 */
export class Calendar extends GasObject {
  readonly _service = 'Calendar' as const;
  readonly _class = 'Calendar';
  readonly Events: CalendarEvents;

  constructor(env: ServiceEnv) {
    super();
    this.Events = new CalendarEvents(env);
  }
}

export const install: ServiceInstaller = (env) => ({ Calendar: new Calendar(env) });
