/**
 * The messages between the profile panel (extension side) and its page (browser side), declared once and
 * imported by both. Only plain data crosses: text to render, never HTML.
 */
import { type CapacityPreset, type DateRange, isPreset } from '../capacity/capacityRange';
import type { Capacity } from '../kantata/types';
import { Commands } from '../shared/ids';

/** What the page shows about a person; every string is plain text. */
export interface ProfileData {
  readonly id: string;
  readonly fullName: string;
  readonly initials: string;
  readonly isMe: boolean;
  /** The cached photo as a `data:image/…;base64,` URL, when it is on disk. */
  readonly photoDataUrl?: string | undefined;
  readonly headline?: string;
  readonly role?: string;
  readonly email?: string;
  /** Whether `email` is a single well-formed address, worth a mailto link. */
  readonly emailIsAddress: boolean;
  readonly manager?: string;
  readonly location?: string;
  readonly timeZone?: string;
  readonly bio?: string;
  /** Only http(s) URLs get here; the page asks the extension to open it. */
  readonly website?: string;
  readonly classification?: string;
  readonly permission?: string;
  readonly disabled: boolean;
  /** The page writes the level (`level 3 of 5`) in its language. */
  readonly skills: readonly { readonly name: string; readonly level?: number; readonly maxLevel?: number }[];
  readonly customFields: readonly { readonly name: string; readonly value: string }[];
}

export interface ErrorData {
  readonly message: string;
  readonly canRetry: boolean;
  readonly canSignIn: boolean;
}

export type ToWebview =
  | { readonly type: 'profileLoading' }
  | { readonly type: 'profile'; readonly profile: ProfileData }
  | { readonly type: 'profileError'; readonly error: ErrorData }
  | { readonly type: 'capacityLoading'; readonly range: DateRange; readonly preset?: CapacityPreset }
  | { readonly type: 'capacity'; readonly range: DateRange; readonly preset?: CapacityPreset; readonly capacity: Capacity }
  | { readonly type: 'capacityError'; readonly range: DateRange; readonly preset?: CapacityPreset; readonly error: ErrorData }
  | { readonly type: 'capacityInvalid'; readonly message: string; readonly field?: 'start' | 'end' }
  | { readonly type: 'focusCapacity' }
  /**
   * The panel now shows another person (a preview panel, replaced by the next teammate clicked): the page drops
   * what it shows and keeps its capacity range; the messages about the new person follow.
   */
  | { readonly type: 'person'; readonly userId: string }
  /** Whether the panel is the preview (the next teammate clicked replaces it): the page offers Keep Open. */
  | { readonly type: 'preview'; readonly preview: boolean };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  /**
   * A preset is turned into dates by the extension (in the time zone of the machine it runs on, which may
   * not be the one showing the page); a custom range is checked again there before any request.
   */
  | { readonly type: 'loadCapacity'; readonly preset: CapacityPreset }
  | { readonly type: 'loadCapacity'; readonly range: DateRange }
  | { readonly type: 'retryCapacity' }
  | { readonly type: 'openWebsite' }
  | { readonly type: 'sendEmail' }
  | { readonly type: 'signIn' }
  | { readonly type: 'showLogs' }
  | { readonly type: 'runCommand'; readonly command: PanelCommand }
  /** Keep Open: the preview panel stays, the next teammate clicked opens a new one. */
  | { readonly type: 'keepOpen' };

/** Commands the page's buttons may ask for; anything else is ignored. */
export const PANEL_COMMANDS = [Commands.updateUser, Commands.updateProfilePhoto, Commands.resetProfilePhoto] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];

/** What the page keeps with `setState`, so a reloaded window can restore the panel. */
export interface PanelState {
  readonly userId: string;
  readonly range?: DateRange;
  readonly preset?: CapacityPreset;
  /** The panel was the preview: restored, it is the preview again (unless another one is). */
  readonly preview?: boolean;
}

/** Checks a message from the page before the extension acts on it: the page is not trusted blindly. */
export function isFromWebview(value: unknown): value is FromWebview {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const message = value as { type?: unknown; range?: { start?: unknown; end?: unknown }; command?: unknown };
  switch (message.type) {
    case 'ready':
    case 'refresh':
    case 'openWebsite':
    case 'sendEmail':
    case 'signIn':
    case 'showLogs':
    case 'retryCapacity':
    case 'keepOpen':
      return true;
    case 'loadCapacity': {
      const { preset } = value as { preset?: unknown };
      return isPreset(preset) || (typeof message.range?.start === 'string' && typeof message.range.end === 'string');
    }
    case 'runCommand':
      return (PANEL_COMMANDS as readonly unknown[]).includes(message.command);
    default:
      return false;
  }
}
