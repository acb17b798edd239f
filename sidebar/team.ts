/**
 * «Equipo y permisos» (coordinators; docs/access-model.md): who works in this spreadsheet and
 * with which role — coordinador(a), consultor(a) or both. The team is kept by the script in the
 * document properties; the 'Equipo' tab is a read-only copy. A coordinator adds or edits one
 * person (email, name as the platform's report writes it, roles) and removes one after a
 * confirmation. Each change is one server call that answers with the team as it is now.
 *
 * The entry to this screen is shown only to coordinators; when the server refuses (the person is
 * not, or no longer, a coordinator) the screen tells them so with the server's own words and the
 * entry is hidden (`onRefused`). Data goes in as text only (./dom.ts).
 */
import type { TeamChangeResult, TeamMemberInput, TeamMemberView, TeamRole, TeamView } from '../src/api';
import { clear, el, h } from './dom';
import { M } from './messages';
import { busy, call, hideError, showError } from './server';

const ROLE_INPUTS: Record<TeamRole, string> = { coordinador: 'team-role-coordinador', consultor: 'team-role-consultor' };

/** The team as the server last answered it. */
let team: TeamView | null = null;
/** The member whose data is in the form (null: the form adds a new person). */
let editing: string | null = null;
/** The member whose removal waits for a confirmation. */
let confirming: string | null = null;
let refusedHook: () => void = () => undefined;

/** What the client itself says when a call fails; anything else is the server speaking (a refusal). */
function isServerRefusal(e: unknown): boolean {
  const text = e instanceof Error ? e.message : '';
  return text !== '' && ![M.unknownError, M.googleBusy, M.timedOut, M.noConnection, M.notInSheets].includes(text as never);
}

// ---------------------------------------------------------------------------- the live region

type Tone = 'ok' | 'error';

function say(text: string, tone: Tone): void {
  const box = el('team-message');
  box.className = `live-message notice notice-${tone}`;
  box.textContent = text;
  box.focus();
}

function silence(): void {
  const box = el('team-message');
  box.className = 'live-message';
  box.textContent = '';
}

// ---------------------------------------------------------------------------- the list

function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (!iso || isNaN(d.getTime())) return '';
  try {
    return new Intl.DateTimeFormat('es-PE', { timeZone: 'America/Lima', dateStyle: 'medium', timeStyle: 'short' }).format(d);
  } catch {
    return d.toISOString().slice(0, 16).replace('T', ' ');
  }
}

function memberItem(m: TeamMemberView): HTMLLIElement {
  const li = h('li', { class: editing === m.email ? 'team-member editing' : 'team-member', attrs: { 'data-email': m.email } });
  li.appendChild(
    h('p', { class: 'team-name' }, m.name || M.team.noName, m.isYou ? h('span', { class: 'team-you', text: ` ${M.team.you}` }) : null),
  );
  li.appendChild(h('p', { class: 'team-email', text: m.email }));
  li.appendChild(h('p', { class: 'team-roles', text: m.rolesText }));

  const edit = h('button', { class: 'secondary', text: M.team.edit, attrs: { type: 'button', 'aria-label': M.team.editLabel(m.email) } });
  edit.addEventListener('click', () => startEdit(m));
  const remove = h('button', {
    class: 'danger',
    text: M.team.remove,
    attrs: { type: 'button', 'aria-label': M.team.removeLabel(m.email), 'aria-expanded': String(confirming === m.email) },
  });
  remove.addEventListener('click', () => {
    confirming = confirming === m.email ? null : m.email;
    renderTeam();
    document.querySelector<HTMLElement>(`li[data-email="${CSS.escape(m.email)}"] .team-confirm button`)?.focus();
  });
  li.appendChild(h('div', { class: 'buttons' }, edit, remove));

  if (confirming === m.email) {
    const yes = h('button', { class: 'danger', text: M.team.confirmRemoveButton, attrs: { type: 'button' } });
    yes.addEventListener('click', () => void removeMember(m.email));
    const no = h('button', { class: 'secondary', text: M.team.cancel, attrs: { type: 'button' } });
    no.addEventListener('click', () => {
      confirming = null;
      renderTeam();
      document.querySelector<HTMLElement>(`li[data-email="${CSS.escape(m.email)}"] button.danger`)?.focus();
    });
    li.appendChild(
      h(
        'div',
        { class: 'team-confirm', attrs: { role: 'group', 'aria-label': M.team.removeLabel(m.email) } },
        h('p', { text: M.team.confirmRemove(m.name ? `${m.name} (${m.email})` : m.email) }),
        m.isYou ? h('p', { class: 'field-problem', text: M.team.confirmRemoveYou }) : null,
        h('div', { class: 'buttons' }, yes, no),
      ),
    );
  }
  return li;
}

function renderTeam(): void {
  const list = el('team-list');
  clear(list);
  const members = team?.members ?? [];
  for (const m of members) list.appendChild(memberItem(m));
  el('team-count').textContent = members.length ? M.team.count(members.length) : '';
  const empty = el('team-empty');
  empty.textContent = M.team.empty;
  empty.hidden = members.length > 0;
  const when = team ? formatWhen(team.updatedAt) : '';
  el('team-updated').textContent = when ? M.team.updated(when, team?.updatedBy ?? '') : '';
  // Role labels as the server names them (the checkboxes' own labels are the same words).
  for (const option of team?.roleOptions ?? []) {
    const id = ROLE_INPUTS[option.value];
    const label = id ? document.querySelector<HTMLLabelElement>(`label[for="${id}"]`) : null;
    if (label && option.label) label.textContent = option.label;
  }
}

// ---------------------------------------------------------------------------- the form

function clearProblems(): void {
  for (const id of ['team-email-problem', 'team-roles-problem']) {
    const p = el(id);
    p.textContent = '';
    p.hidden = true;
  }
  el('team-email').removeAttribute('aria-invalid');
}

function problem(id: string, text: string, focus: HTMLElement): void {
  const p = el(id);
  p.textContent = text;
  p.hidden = false;
  if (id === 'team-email-problem') focus.setAttribute('aria-invalid', 'true');
  focus.focus();
}

function resetForm(): void {
  editing = null;
  const form = el<HTMLFormElement>('team-form');
  form.reset();
  const email = el<HTMLInputElement>('team-email');
  email.readOnly = false;
  el('team-form-title').textContent = M.team.addTitle;
  el('team-cancel').hidden = true;
  clearProblems();
}

function startEdit(m: TeamMemberView): void {
  silence();
  clearProblems();
  editing = m.email;
  confirming = null;
  const email = el<HTMLInputElement>('team-email');
  email.value = m.email;
  // The email is who the person is: to change it, remove them and add the new account.
  email.readOnly = true;
  el<HTMLInputElement>('team-name').value = m.name;
  for (const [role, id] of Object.entries(ROLE_INPUTS) as [TeamRole, string][]) el<HTMLInputElement>(id).checked = m.roles.includes(role);
  el('team-form-title').textContent = M.team.editTitle(m.email);
  el('team-cancel').hidden = false;
  renderTeam();
  el('team-form').scrollIntoView?.({ block: 'nearest' });
  el('team-name').focus();
}

function readForm(): TeamMemberInput | null {
  clearProblems();
  const emailInput = el<HTMLInputElement>('team-email');
  const email = emailInput.value.trim();
  const roles = (Object.entries(ROLE_INPUTS) as [TeamRole, string][]).filter(([, id]) => el<HTMLInputElement>(id).checked).map(([r]) => r);
  if (!email) {
    problem('team-email-problem', M.team.emailMissing, emailInput);
    return null;
  }
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    problem('team-email-problem', M.team.emailInvalid, emailInput);
    return null;
  }
  if (roles.length === 0) {
    problem('team-roles-problem', M.team.rolesMissing, el(ROLE_INPUTS.coordinador));
    return null;
  }
  return { email, name: el<HTMLInputElement>('team-name').value.trim(), roles };
}

// ---------------------------------------------------------------------------- the server

/** Hides the screen's content after a refusal; the error box says why, in the server's words. */
function refused(e: unknown): void {
  team = null;
  renderTeam();
  el('team-form').hidden = true;
  showError(e, null);
  refusedHook();
}

/** Whether the person is still a coordinator after a change they made (they may have removed their own role). */
function stillCoordinator(v: TeamView): boolean {
  return v.members.some((m) => m.isYou && m.roles.includes('coordinador'));
}

function applyChange(r: TeamChangeResult): void {
  if (r.team) team = r.team;
  if (r.ok) {
    confirming = null;
    resetForm();
  }
  renderTeam();
  if (r.ok && team && !stillCoordinator(team)) {
    el('team-form').hidden = true;
    say(`${r.message} ${M.team.noLongerCoordinator}`, 'ok');
    refusedHook();
    return;
  }
  say(r.message, r.ok ? 'ok' : 'error');
}

/** Loads the team; resolves to false when the server refused (the caller hides the entry). */
export async function loadTeam(): Promise<boolean> {
  hideError();
  silence();
  try {
    const v = await busy(M.team.loading, () => call('getTeam'));
    if (!v) throw new Error(M.unknownError);
    team = v;
    confirming = null;
    el('team-form').hidden = false;
    renderTeam();
    return true;
  } catch (e) {
    if (isServerRefusal(e)) {
      refused(e);
      return false;
    }
    showError(e, () => void loadTeam());
    return true;
  }
}

async function submit(): Promise<void> {
  hideError();
  silence();
  const input = readForm();
  if (!input) return;
  try {
    const r = await busy(M.team.busySave, () => call('saveTeamMember', input));
    if (!r) throw new Error(M.unknownError);
    applyChange(r);
  } catch (e) {
    if (isServerRefusal(e)) refused(e);
    else showError(e, null); // the form stays filled in: the person presses «Guardar» again
  }
}

async function removeMember(email: string): Promise<void> {
  hideError();
  silence();
  try {
    const r = await busy(M.team.busyRemove, () => call('removeTeamMember', email));
    if (!r) throw new Error(M.unknownError);
    if (r.ok && editing === email) resetForm();
    applyChange(r);
  } catch (e) {
    if (isServerRefusal(e)) refused(e);
    else showError(e, null);
  }
}

/** `onRefused`: the person is not (or no longer) a coordinator — hide the screen's entries. */
export function initTeam(onRefused: () => void): void {
  refusedHook = onRefused;
  el('team-message').tabIndex = -1;
  el('team-refresh').addEventListener('click', () => void loadTeam());
  el('team-cancel').addEventListener('click', () => {
    const was = editing;
    resetForm();
    renderTeam();
    if (was) document.querySelector<HTMLElement>(`li[data-email="${CSS.escape(was)}"] button.secondary`)?.focus();
  });
  el<HTMLFormElement>('team-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submit();
  });
}
