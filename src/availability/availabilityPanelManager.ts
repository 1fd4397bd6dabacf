import * as vscode from 'vscode';
import { AVAILABILITY_PRESETS, type AvailabilityPreset } from '../capacity/availability';
import type { User } from '../kantata/types';
import { DisposableStore } from '../shared/disposable';
import { AVAILABILITY_WEBVIEW_TYPE, Settings } from '../shared/ids';
import { AvailabilityGrid, AvailabilityPanel, AvailabilityPanelDependencies, availabilityPanelTitle, GridPerson } from './availabilityPanel';
import { isAvailabilityPanelState, isAvailabilityPreset } from './protocol';

export const DEFAULT_AVAILABILITY_PRESET: AvailabilityPreset = 'next6Weeks';

export function readAvailabilityPreset(): AvailabilityPreset {
  const value = vscode.workspace.getConfiguration().get<string>(Settings.availabilityDefaultRange);
  return isAvailabilityPreset(value) ? value : DEFAULT_AVAILABILITY_PRESET;
}

/** The setting, kept between 1 and 16 whatever was typed into settings.json. */
export function readAvailabilityConcurrency(): number {
  const value = vscode.workspace.getConfiguration().get<number>(Settings.availabilityMaxConcurrentRequests);
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(16, Math.max(1, Math.floor(value))) : 6;
}

/** The weeks of a preset, for the confirmation text. */
export function presetWeeks(preset: AvailabilityPreset): number {
  return AVAILABILITY_PRESETS.find(({ id }) => id === preset)?.weeks ?? 2;
}

/**
 * The Team Availability panels: one per grid opened (the same people opened again reveal theirs). They come
 * back after a window reload from the state their page saved, and close when the account changes.
 */
export class AvailabilityPanelManager extends DisposableStore {
  private readonly panels = new Set<AvailabilityPanel>();
  private readonly openedEmitter = this.register(new vscode.EventEmitter<AvailabilityPanel>());
  /** Fires with each panel opened or restored (tests follow panels through it). */
  readonly onDidOpen = this.openedEmitter.event;

  constructor(
    private readonly deps: AvailabilityPanelDependencies,
    private readonly findUser: (userId: string) => User | undefined,
  ) {
    super();
    this.register(
      vscode.window.registerWebviewPanelSerializer(AVAILABILITY_WEBVIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          this.restore(panel, state);
        },
      }),
    );
    this.register({ dispose: () => [...this.panels].forEach((panel) => panel.dispose()) });
    this.register(
      deps.session.onDidChangeAccount((next) => {
        for (const panel of [...this.panels]) {
          if (panel.accountId === undefined) {
            panel.accountId = next?.account.id;
          } else if (panel.accountId !== next?.account.id) {
            panel.dispose();
          }
        }
      }),
    );
  }

  get openPanels(): readonly AvailabilityPanel[] {
    return [...this.panels];
  }

  open(grid: Omit<AvailabilityGrid, 'preset'>): AvailabilityPanel {
    const ids = grid.people.map((person) => person.id).join(',');
    const existing = [...this.panels].find((panel) => panel.people.map((person) => person.id).join(',') === ids);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(AVAILABILITY_WEBVIEW_TYPE, availabilityPanelTitle(grid.title), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
    });
    return this.adopt(panel, { ...grid, preset: readAvailabilityPreset() });
  }

  /** A panel VS Code brings back after a reload, with the state its page saved. */
  restore(panel: vscode.WebviewPanel, state: unknown): AvailabilityPanel | undefined {
    if (!isAvailabilityPanelState(state) || state.people.length === 0) {
      panel.dispose();
      return undefined;
    }
    const people = state.people.map((person): GridPerson => ({ ...person, photoPath: this.findUser(person.id)?.photoPath }));
    return this.adopt(panel, { title: state.title, people, preset: state.preset });
  }

  private adopt(panel: vscode.WebviewPanel, grid: AvailabilityGrid): AvailabilityPanel {
    const availability = new AvailabilityPanel(panel, grid, this.deps);
    this.panels.add(availability);
    availability.onDidDispose(() => this.panels.delete(availability));
    this.openedEmitter.fire(availability);
    return availability;
  }
}
