// The profile page's script: renders what the extension sends, and sends back what the user asks for.
// It builds the DOM from text (see materialize.ts) and keeps just enough state to restore the panel.
import * as l10n from '@vscode/l10n';
import { isPreset, validateRange } from '../../capacity/capacityRange';
import type { FromWebview, PanelCommand, PanelState, ProfileData, ToWebview } from '../protocol';
import { CapacitySectionState, renderCapacitySection } from '../view/capacityView';
import { renderError, renderLoading, renderProfile } from '../view/profileView';
import { materialize } from './materialize';
import { usePageLanguage } from '../../locale/pageLanguage';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
usePageLanguage(document.documentElement.lang, document.body.dataset.l10n);
const profileRoot = document.getElementById('profile') as HTMLElement;
const capacityRoot = document.getElementById('capacity-root') as HTMLElement;
/** Whose page this is: the panel's person, until a preview panel is given another (the 'person' message). */
let userId = document.body.dataset.userId ?? '';
/** A preview panel offers Keep Open (the 'preview' message). */
let preview = vscode.getState()?.preview ?? false;

let profile: ProfileData | undefined;
let capacity: CapacitySectionState = { status: 'idle', range: vscode.getState()?.range, preset: vscode.getState()?.preset };

function saveState(): void {
  vscode.setState({ userId, range: capacity.range, preset: capacity.preset, preview });
}

function renderPerson(): void {
  if (profile) {
    replace(profileRoot, materialize(renderProfile(profile, { preview })));
  }
}

/** Another person in this panel: what showed of the last one goes, the capacity range stays. */
function showPerson(id: string): void {
  userId = id;
  document.body.dataset.userId = id;
  profile = undefined;
  replace(profileRoot, materialize(renderLoading(l10n.t('Loading profile…'))));
  capacity = { status: 'idle', range: capacity.range, preset: capacity.preset };
  renderCapacity();
}

/**
 * Re-renders one region, keeping keyboard focus on the same control when it still exists. Only while the page
 * has the focus: a document remembers its last focused element after the user has moved on (to the palette,
 * another editor), and focusing it again then would pull the keyboard back into this panel.
 */
function replace(root: HTMLElement, node: Node): void {
  const focused = document.hasFocus() && document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  const focusedId = focused?.id ?? '';
  const focusedAction = focused?.dataset.preset;
  root.replaceChildren(node);
  const again = (focusedId && document.getElementById(focusedId)) || (focusedAction && root.querySelector(`[data-preset="${focusedAction}"]`));
  if (again instanceof HTMLElement) {
    again.focus();
  }
}

function renderCapacity(): void {
  replace(capacityRoot, materialize(renderCapacitySection(capacity)));
  saveState();
}

function receive(message: ToWebview): void {
  switch (message.type) {
    case 'profileLoading':
      if (!profile) {
        replace(profileRoot, materialize(renderLoading(l10n.t('Loading profile…'))));
      }
      break;
    case 'profile':
      profile = message.profile;
      document.title = profile.fullName;
      renderPerson();
      break;
    case 'profileError':
      replace(profileRoot, materialize(renderError(message.error, 'refresh')));
      break;
    case 'capacityLoading':
      capacity = { ...capacity, status: 'loading', range: message.range, preset: message.preset, invalid: undefined };
      renderCapacity();
      break;
    case 'capacity':
      capacity = { status: 'loaded', range: message.range, preset: message.preset, capacity: message.capacity };
      renderCapacity();
      break;
    case 'capacityError':
      capacity = { status: 'error', range: message.range, preset: message.preset, error: message.error };
      renderCapacity();
      break;
    case 'capacityInvalid':
      capacity = { ...capacity, invalid: { message: message.message, field: message.field } };
      renderCapacity();
      break;
    case 'focusCapacity':
      capacityRoot.scrollIntoView({ block: 'start' });
      (capacityRoot.querySelector('#capacity') as HTMLElement | null)?.focus();
      break;
    case 'person':
      showPerson(message.userId);
      break;
    case 'preview':
      preview = message.preview;
      renderPerson();
      saveState();
      break;
  }
}

function submitCustomRange(form: HTMLFormElement): void {
  const data = new FormData(form);
  const start = String(data.get('start') ?? '');
  const end = String(data.get('end') ?? '');
  const checked = validateRange(start, end);
  if (!checked.ok) {
    capacity = { ...capacity, range: { start, end }, invalid: { message: checked.message, field: checked.field } };
    renderCapacity();
    document.getElementById(checked.field === 'end' ? 'range-end' : 'range-start')?.focus();
    return;
  }
  vscode.postMessage({ type: 'loadCapacity', range: { start, end } });
}

document.addEventListener('click', (event) => {
  const target = (event.target as Element | null)?.closest<HTMLElement>('[data-action]');
  if (!target || target.tagName === 'FORM') {
    return;
  }
  const action = target.dataset.action;
  switch (action) {
    case 'refresh':
    case 'sendEmail':
    case 'openWebsite':
    case 'signIn':
    case 'showLogs':
    case 'retryCapacity':
    case 'keepOpen':
      // VS Code's own listener on the page's window opens every link it sees clicked, whatever we did with
      // the click: the extension opens ours (after checking them), so the click must not get that far.
      event.preventDefault();
      event.stopPropagation();
      vscode.postMessage({ type: action });
      break;
    case 'command':
      vscode.postMessage({ type: 'runCommand', command: target.dataset.command as PanelCommand });
      break;
    case 'preset': {
      const preset = target.dataset.preset;
      if (isPreset(preset)) {
        vscode.postMessage({ type: 'loadCapacity', preset });
      }
      break;
    }
  }
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.action === 'customRange') {
    event.preventDefault();
    submitCustomRange(form);
  }
});

window.addEventListener('message', (event: MessageEvent<ToWebview>) => receive(event.data));

renderCapacity();
vscode.postMessage({ type: 'ready' });
