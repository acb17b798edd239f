/** The Clock port: the platform's time (the emulator's virtual clock when run there). */
import type { Clock } from '../ports';

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
