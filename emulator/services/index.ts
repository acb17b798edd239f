import type { ServiceInstaller } from '../core/env';
import { install as sheets } from './sheets';
import { install as script } from './script';
import { install as properties } from './properties';
import { install as lock } from './lock';
import { install as cache } from './cache';
import { install as session } from './session';
import { install as utilities } from './utilities';
import { install as html } from './html';
import { install as content } from './content';
import { install as mail } from './mail';
import { install as calendar } from './calendar';
import { install as forms } from './forms';
import { install as drive } from './drive';
import { install as slides } from './slides';
import { install as slidesApi } from './slides-api';

/**
 * Every emulated service. Each installer returns the globals it defines (SpreadsheetApp,
 * ScriptApp …). Advanced services (Calendar) are only exposed when the manifest enables them;
 * the runtime filters by `ADVANCED_SERVICES`.
 */
export const INSTALLERS: ServiceInstaller[] = [
  sheets, script, properties, lock, cache, session, utilities, html, content, mail, calendar, forms, drive, slides, slidesApi,
];

/** Global symbol → advanced service ID, as `enabledAdvancedServices` names them. */
export const ADVANCED_SERVICES: Record<string, string> = { Calendar: 'calendar', Slides: 'slides' };
