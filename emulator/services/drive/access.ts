import { domainOf, shareWith } from '../sheets/access';
import type { DriveItem } from './store';

/**
 * Who may see and change a Drive item. The same model as spreadsheets
 * (emulator/services/sheets/access.ts): the owner always; a file nobody has shared is open to
 * every workspace user (compatibility rule: scenarios that never mention sharing work as
 * before); the first explicit sharing — `addEditor`/`addViewer`/`setSharing`… — makes it
 * restricted to its owner, its listed editors and viewers, and the class of users
 * `setSharing(access, permission)` opens it to (reference/drive/access, reference/drive/permission).
 */

/** "No item with the given ID could be found. …": Apps Script's message for an unknown ID or one the user cannot see. */
export const DRIVE_MESSAGES = {
  noItem: 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.',
  // The message Apps Script gives a script that changes an item it may only view (emulator's best reading).
  accessDenied: 'Access denied: DriveApp.',
  iteratorEnd: 'Cannot retrieve the next object: iterator has reached the end.',
  badAccess: 'Invalid argument: accessType',
  badPermission: 'Invalid argument: permissionType',
  invalidEmail: 'Invalid argument: email',
};

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The permission `setSharing` gives `user` (a class of users), or null. */
function classPermission(item: DriveItem, user: string): 'VIEW' | 'EDIT' | null {
  const { access, permission } = item.sharing;
  if (permission === 'NONE' || access === 'PRIVATE') return null;
  const reaches = access === 'ANYONE' || access === 'ANYONE_WITH_LINK' || (user !== '' && domainOf(user) === domainOf(item.owner));
  if (!reaches) return null;
  return permission === 'EDIT' || permission === 'ORGANIZER' || permission === 'FILE_ORGANIZER' ? 'EDIT' : 'VIEW';
}

export function canEditItem(item: DriveItem, user: string): boolean {
  if (same(user, item.owner)) return true;
  if (!item.sharing.restricted) return true;
  if (item.sharing.editors.some((e) => same(e, user))) return true;
  return classPermission(item, user) === 'EDIT';
}

export function canViewItem(item: DriveItem, user: string): boolean {
  if (canEditItem(item, user)) return true;
  return item.sharing.viewers.some((e) => same(e, user)) || classPermission(item, user) !== null;
}

export function requireEdit(item: DriveItem, user: string): void {
  if (!canEditItem(item, user)) throw new Error(DRIVE_MESSAGES.accessDenied);
}

/** Makes sharing explicit and gives `email` that role (the rule spreadsheets follow too). */
export function shareItem(item: DriveItem, email: string, role: 'editor' | 'viewer' | 'none'): void {
  shareWith(item.sharing, item.owner, email, role);
}
