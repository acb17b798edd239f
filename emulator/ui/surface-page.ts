/**
 * The page a sidebar or dialog frame loads: the exact HTML the script passed to showSidebar /
 * showModalDialog, with the google.script shim placed before any of its own scripts (as
 * HtmlService serves the client API to the page before the script's code runs).
 */
export const SHIM_CHANNEL = 'emulator:google.script';

/** JSON safe inside a <script> element: no "</script", no "<!--", no line separators. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function surfacePage(
  html: string,
  opts: { functions: string[]; parentOrigin: string; shimJs: string; location?: { hash: string; parameter: Record<string, string>; parameters: Record<string, string[]> } },
): string {
  const config = { functions: opts.functions, parentOrigin: opts.parentOrigin, channel: SHIM_CHANNEL, ...(opts.location ? { location: opts.location } : {}) };
  const shim = opts.shimJs.replace(/<\/script/gi, '<\\/script');
  const tag = `<script>window.__gasShimConfig=${scriptJson(config)};</script><script>${shim}</script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  if (doctype) return doctype[0] + tag + html.slice(doctype[0].length);
  return tag + html;
}

/**
 * Sandbox of the frames (and, as a CSP header, of the page itself if opened directly): the
 * script's page runs with an opaque origin, so it cannot reach the emulator's API or the
 * embedding page except through the shim's messages.
 */
export const SURFACE_SANDBOX = 'allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals allow-downloads';
