/**
 * The web app's signed links as emails carry them (docs/web-app.md). A link is only made when
 * the web app has a usable /exec address (the 'Enlace de la aplicación web' setting, else what
 * Google reports); otherwise callers leave the link out and say how else to do it (reply to the
 * email): an email never carries a link that cannot work.
 */
import { linkUrl, signLink, usableWebAppUrl, type LinkAction } from '../../domain/web-links';
import type { KeyValueStore, WebAppService } from '../../ports';
import { signingSecret } from '../signing';

/** The web app's base address: the typed setting first, then Google's answer; null when neither is usable. */
export function webAppBase(settingUrl: string, service: WebAppService | null): string | null {
  return usableWebAppUrl(settingUrl) ?? (service ? usableWebAppUrl(service.url()) : null);
}

export interface LinkMaker {
  /** A signed link for `action` on `subject`, valid until `expiresAt`; null when there is no web app. */
  (action: LinkAction, subject: string, expiresAt: Date): string | null;
}

/**
 * A link maker for one execution: the base address and the secret are read once, however many
 * emails are built.
 */
export function linkMaker(properties: KeyValueStore, base: string | null): LinkMaker {
  let secret: string | null = null;
  return (action, subject, expiresAt) => {
    if (!base) return null;
    secret ??= signingSecret(properties);
    return linkUrl(base, signLink(secret, { action, subject, expiresAt }));
  };
}
