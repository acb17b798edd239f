/**
 * "Esta hoja": the status of this spreadsheet and its setup form (the panel's first screens,
 * kept as they were: a spreadsheet that is not set up yet opens here).
 */
import type { Role, RoleOption, SetupResult, SetupStatus } from '../src/api';
import { clear, el, h, listInto } from './dom';
import { M } from './messages';
import { busy, call, hideError, showError } from './server';

export function renderStatus(s: SetupStatus): void {
  el('sheet-name').textContent = s.spreadsheetName;
  el('footer-text').textContent = M.version(s.version);
  const facts = el('status-list');
  clear(facts);
  const add = (label: string, value: string) => facts.append(h('dt', { text: label }), h('dd', { text: value || M.none }));
  add(M.facts.role, s.roleLabel ?? '');
  add(M.facts.sibling, s.siblingId);
  add(M.facts.tasksOwner, s.tasksOwner);
  add(M.facts.lastSetup, s.lastSetupAt);
  add(M.facts.user, s.userEmail);
  el('status-message').textContent = s.missingTabs.length
    ? M.missingTabs(s.missingTabs)
    : s.configured
      ? M.configured
      : M.notConfigured;
  renderSetupForm(s);
}

function renderSetupForm(s: SetupStatus): void {
  const box = el('role-options');
  clear(box);
  s.roleOptions.forEach((option: RoleOption) => {
    const input = h('input', { attrs: { type: 'radio', name: 'role' } });
    input.value = option.value;
    input.checked = s.role === option.value;
    box.appendChild(
      h(
        'label',
        {},
        input,
        h('span', { class: 'choice-title', text: ' ' + option.label }),
        h('span', { class: 'choice-description', text: option.description }),
      ),
    );
  });
  const sibling = el<HTMLInputElement>('sibling');
  if (!sibling.value) sibling.value = s.siblingId;
  const other = s.tasksOwner !== '' && s.userEmail !== '' && s.tasksOwner !== s.userEmail;
  el('takeover-field').hidden = !other;
  el('takeover-help').textContent = other ? M.takeoverHelp(s.tasksOwner) : '';
}

export async function loadStatus(): Promise<SetupStatus | null> {
  hideError();
  try {
    const s = await busy(M.loadingStatus, () => call('getSetupStatus'));
    renderStatus(s);
    return s;
  } catch (e) {
    showError(e, () => void loadStatus());
    return null;
  }
}

function renderResult(r: SetupResult): void {
  el('result-summary').textContent = r.summary;
  el('changes-title').hidden = r.changes.length === 0;
  listInto(el('result-changes'), r.changes);
  el('warnings-title').hidden = r.warnings.length === 0;
  listInto(el('result-warnings'), r.warnings);
  el('setup-result').hidden = false;
}

async function submitSetup(afterSetup: (s: SetupStatus | null) => void): Promise<void> {
  hideError();
  el('setup-result').hidden = true;
  const problem = el('form-problem');
  const chosen = document.querySelector<HTMLInputElement>('input[name="role"]:checked');
  if (!chosen) {
    problem.textContent = M.chooseRole;
    problem.hidden = false;
    document.querySelector<HTMLInputElement>('input[name="role"]')?.focus();
    return;
  }
  problem.hidden = true;
  const role = chosen.value as Role;
  const sibling = el<HTMLInputElement>('sibling').value.trim();
  const takeOverTriggers = el<HTMLInputElement>('takeover').checked;
  try {
    const result = await busy(M.settingUp, () => call('setupSpreadsheet', role, sibling, { takeOverTriggers }));
    renderResult(result);
    el('result-summary').focus();
    afterSetup(await loadStatus());
  } catch (e) {
    // The form stays filled in: the person corrects it and presses "Configurar" again.
    showError(e, null);
  }
}

export function initSetup(go: (view: 'inicio' | 'configuracion') => void, afterSetup: (s: SetupStatus | null) => void): void {
  el('result-summary').tabIndex = -1;
  el('go-setup').addEventListener('click', () => go('configuracion'));
  el('setup-back').addEventListener('click', () => go('inicio'));
  el<HTMLFormElement>('setup-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submitSetup(afterSetup);
  });
}
