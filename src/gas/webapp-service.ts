/**
 * The WebAppService port over ScriptApp.getService(): "Returns the URL of the web app, if it has
 * been deployed; otherwise returns null" (reference/script/service#getUrl). Outside a web app
 * execution Google may answer with the head deployment's /dev address, which only editors can
 * open: callers keep only a usable /exec address (domain/web-links.usableWebAppUrl).
 */
import type { WebAppService } from '../ports';

export class ScriptAppWebAppService implements WebAppService {
  url(): string | null {
    try {
      const service = ScriptApp.getService();
      return service.isEnabled() ? service.getUrl() || null : null;
    } catch {
      return null;
    }
  }
}
