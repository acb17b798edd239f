/**
 * The banner of a module (B04): requested from the Dirección, received, validated — in that
 * order. Pure: the use case (src/app/workshops/direction.ts) reads the module's 'Banner' and
 * 'Enlace del banner' and asks `nextBannerState` what a change may do.
 *
 *   (sin solicitar) → Solicitado → Recibido → Validado
 *
 * 'Solicitado' is reached only by the request (requestBanner); 'Recibido' needs the banner's link
 * (https only: a Drive file or another address); 'Validado' keeps the recorded link or takes a new
 * one. Invitations (B05) go out only once it is 'Validado'.
 */
import { safeUrl } from '../html';
import { BANNER_MESSAGES as B, DIRECTION_MESSAGES as D } from '../messages/workshops-direction';

export const BANNER_STATES = ['Solicitado', 'Recibido', 'Validado'] as const;
export type BannerState = (typeof BANNER_STATES)[number];
/** What a person may set from the panel (the request sets 'Solicitado'). */
export type BannerTarget = 'Recibido' | 'Validado';

export const MAX_BANNER_LINK = 500;

/** The sheet's value as a state ('' when never requested, or typed into something unknown). */
export function bannerStateOf(raw: unknown): BannerState | '' {
  const s = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  return BANNER_STATES.find((x) => x.toLowerCase() === s) ?? '';
}

/** The link, trimmed, when it is a complete https:// address; null otherwise. */
export function bannerLink(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (s.length > MAX_BANNER_LINK) return null;
  return safeUrl(s, ['https:']);
}

export type BannerChange = { ok: true; state: BannerState; link: string } | { ok: false; message: string };

/** May the banner go from `current` (with its recorded `currentLink`) to `target`, with `link`? */
export function nextBannerState(current: BannerState | '', currentLink: string, target: unknown, link?: unknown): BannerChange {
  if (target !== 'Recibido' && target !== 'Validado') return { ok: false, message: B.unknownState };
  if (current === 'Validado') return { ok: false, message: B.alreadyValidated };
  const given = typeof link === 'string' && link.trim() !== '' ? link : null;
  const parsed = given === null ? null : bannerLink(given);
  if (given !== null && parsed === null) return { ok: false, message: B.linkInvalid };
  if (target === 'Recibido') {
    if (current === '') return { ok: false, message: B.notRequested };
    if (!parsed) return { ok: false, message: B.linkMissing };
    return { ok: true, state: 'Recibido', link: parsed };
  }
  if (current === '') return { ok: false, message: B.notRequested };
  if (current !== 'Recibido') return { ok: false, message: B.notReceived };
  const kept = parsed ?? bannerLink(currentLink);
  if (!kept) return { ok: false, message: B.linkMissing };
  return { ok: true, state: 'Validado', link: kept };
}

/** May a request (requestBanner) be sent? Only before the banner is received. */
export function mayRequestBanner(current: BannerState | ''): { ok: true } | { ok: false; message: string } {
  return current === 'Recibido' || current === 'Validado' ? { ok: false, message: D.bannerAlreadyDone(current) } : { ok: true };
}

export interface BannerView {
  /** '' when never requested. */
  state: BannerState | '';
  link: string;
  /** 'Banner: solicitado' */
  label: string;
  /** True once validated: invitations (B05) may go out. */
  invitationsAllowed: boolean;
  /** Why invitations cannot go out yet ('' once validated). */
  blockedReason: string;
}

export function bannerView(rawState: unknown, rawLink: unknown): BannerView {
  const state = bannerStateOf(rawState);
  const link = bannerLink(typeof rawLink === 'string' ? rawLink : '') ?? '';
  const blockedReason = state === 'Validado' ? '' : state === 'Recibido' ? B.blockedReceived : state === 'Solicitado' ? B.blockedRequested : B.blockedNone;
  return { state, link, label: state ? B.state(state) : B.none, invitationsAllowed: state === 'Validado', blockedReason };
}
