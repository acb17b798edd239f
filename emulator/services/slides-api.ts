import type { ServiceEnv, ServiceInstaller } from '../core/env';
import { GasObject } from '../core/gas-object';
import { GoogleJsonResponseException } from './calendar/errors';
import { canEditItem, canViewItem } from './drive/access';
import { driveStore, type DriveItem } from './drive/store';
import { hasScope } from './sheets/scopes';
import { SLIDES_SCOPES } from './slides';
import { savedPresentation } from './slides/doc';
import { PRESENTATION_MIME, newObjectId, replaceInElement, type PresentationData } from './slides/model';

/**
 * The advanced Slides service (developers.google.com/apps-script/advanced/slides): the Slides
 * API v1 under the global `Slides`, exposed only when the manifest enables it
 * (`enabledAdvancedServices`: `{ "userSymbol": "Slides", "serviceId": "slides", "version": "v1" }`).
 * The subset: `Slides.Presentations.batchUpdate({ requests }, presentationId)` with
 * `replaceAllText` ({ containsText: { text, matchCase }, replaceText, pageObjectIds? }),
 * `deleteObject` ({ objectId }) and `duplicateObject` ({ objectId }) requests — one request to
 * the API for the whole batch (reference/rest/v1/presentations/batchUpdate: "If any request is
 * not valid, the entire request will fail and nothing will be applied"). Replies come back in
 * order (`{ replaceAllText: { occurrencesChanged } }`, `{}`, `{ duplicateObject: { objectId } }`).
 *
 * The API writes the file itself: the saved version changes at once. A presentation the same
 * execution has open with SlidesApp gets the same change in its working copy, so a later
 * saveAndClose does not undo it (Google merges both writers; the emulator keeps one copy each).
 */
const METHOD = 'slides.presentations.batchUpdate';

function apiError(code: number, reason: string, message: string): GoogleJsonResponseException {
  return new GoogleJsonResponseException(METHOD, { code, reason, message });
}

type Request = Record<string, Record<string, unknown> | undefined>;

function apply(p: PresentationData, req: Request, i: number): Record<string, unknown> {
  const kinds = Object.keys(req ?? {});
  if (kinds.length !== 1) throw apiError(400, 'badRequest', `Invalid requests[${i}]: exactly one kind of request is required.`);
  const kind = kinds[0];
  const body = req[kind] ?? {};
  if (kind === 'replaceAllText') {
    const contains = (body.containsText ?? {}) as { text?: unknown; matchCase?: unknown };
    if (typeof contains.text !== 'string' || contains.text === '') throw apiError(400, 'badRequest', `Invalid requests[${i}].replaceAllText: containsText.text must not be empty.`);
    const pages = Array.isArray(body.pageObjectIds) ? (body.pageObjectIds as unknown[]).map(String) : null;
    let n = 0;
    for (const s of p.slides) {
      if (pages && pages.length && !pages.includes(s.id)) continue;
      for (const e of s.elements) n += replaceInElement(e, contains.text, String(body.replaceText ?? ''), contains.matchCase === true);
    }
    return { replaceAllText: n ? { occurrencesChanged: n } : {} };
  }
  if (kind === 'deleteObject') {
    const id = String(body.objectId ?? '');
    const slideAt = p.slides.findIndex((s) => s.id === id);
    if (slideAt >= 0) p.slides.splice(slideAt, 1);
    else {
      const slide = p.slides.find((s) => s.elements.some((e) => e.id === id));
      if (!slide) throw apiError(400, 'badRequest', `Invalid requests[${i}].deleteObject: The object (${id}) could not be found.`);
      slide.elements = slide.elements.filter((e) => e.id !== id);
    }
    return {};
  }
  if (kind === 'duplicateObject') {
    const id = String(body.objectId ?? '');
    const slideAt = p.slides.findIndex((s) => s.id === id);
    if (slideAt >= 0) {
      const copy = JSON.parse(JSON.stringify(p.slides[slideAt])) as PresentationData['slides'][number];
      copy.id = newObjectId(p);
      for (const e of copy.elements) e.id = newObjectId(p);
      p.slides.splice(slideAt + 1, 0, copy);
      return { duplicateObject: { objectId: copy.id } };
    }
    for (const s of p.slides) {
      const at = s.elements.findIndex((e) => e.id === id);
      if (at < 0) continue;
      const copy = { ...JSON.parse(JSON.stringify(s.elements[at])), id: newObjectId(p) };
      s.elements.splice(at + 1, 0, copy);
      return { duplicateObject: { objectId: copy.id } };
    }
    throw apiError(400, 'badRequest', `Invalid requests[${i}].duplicateObject: The object (${id}) could not be found.`);
  }
  throw apiError(400, 'badRequest', `Invalid requests[${i}]: the emulator does not model '${kind}' requests.`);
}

/** Slides.Presentations. */
export class SlidesPresentations extends GasObject {
  readonly _service = 'Slides' as const;
  readonly _class = 'Slides.Presentations';
  constructor(private readonly _env: ServiceEnv) {
    super();
  }

  private _item(id: unknown): DriveItem {
    const item = driveStore(this._env.state).get(String(id ?? ''));
    if (!item || item.mimeType !== PRESENTATION_MIME || !canViewItem(item, this._env.exec.user)) throw apiError(404, 'notFound', 'Requested entity was not found.');
    return item;
  }

  batchUpdate(resource: { requests?: Request[] }, presentationId: string): { presentationId: string; replies: Record<string, unknown>[] } {
    if (!hasScope(this._env, SLIDES_SCOPES.presentations)) throw apiError(403, 'forbidden', 'Request had insufficient authentication scopes.');
    const item = this._item(presentationId);
    if (!canEditItem(item, this._env.exec.user)) throw apiError(403, 'forbidden', 'The caller does not have permission');
    const requests = Array.isArray(resource?.requests) ? resource.requests : [];
    const execId = this._env.exec.record.id;
    // All or nothing: applied to a copy first.
    const saved = savedPresentation(item, execId);
    const next = JSON.parse(JSON.stringify(saved)) as PresentationData;
    const replies = requests.map((r, i) => apply(next, r, i));
    item.doc = next;
    if (item.draft && item.draft.exec === execId) {
      const draft = item.draft.doc as PresentationData;
      requests.forEach((r, i) => {
        try {
          apply(draft, r, i);
        } catch {
          // The working copy no longer has that object: nothing to mirror.
        }
      });
    }
    driveStore(this._env.state).touch(item);
    return { presentationId: item.id, replies };
  }
}

export class SlidesAdvanced extends GasObject {
  readonly _service = 'Slides' as const;
  readonly _class = 'Slides';
  readonly Presentations: SlidesPresentations;
  constructor(env: ServiceEnv) {
    super();
    this.Presentations = new SlidesPresentations(env);
  }
}

export const install: ServiceInstaller = (env) => ({ Slides: new SlidesAdvanced(env) });
