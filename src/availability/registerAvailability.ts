import * as vscode from 'vscode';
import { KantataSession } from '../accounts/session';
import { CapacityCache } from '../capacity/capacityCache';
import { PhotoCache } from '../photos/photoCache';
import { TeammatesStore } from '../teammates/teammatesStore';
import { registerAvailabilityCommands } from './availabilityCommands';
import { AvailabilityPanelManager, readAvailabilityConcurrency } from './availabilityPanelManager';

/** Team Availability: its panels (restored after a reload) and Kantata: Show Team Availability. */
export function registerAvailability(
  context: vscode.ExtensionContext,
  parts: { session: KantataSession; photos: PhotoCache; capacities: CapacityCache; log: vscode.LogOutputChannel; teammates: TeammatesStore },
): AvailabilityPanelManager {
  const { session, photos, capacities, log, teammates } = parts;
  const panels = new AvailabilityPanelManager(
    { session, photos, capacities, log, extensionUri: context.extensionUri, concurrency: readAvailabilityConcurrency },
    (userId) => teammates.users?.find((user) => user.id === userId),
  );
  context.subscriptions.push(panels, registerAvailabilityCommands(panels, teammates, session));
  return panels;
}
