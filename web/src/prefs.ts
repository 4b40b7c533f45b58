// Device preferences a parent sets once: language, hands-free, mat view. Kept apart from class
// memberships; localStorage can throw (private mode), and the app then uses the defaults.
const PREFIX = 'liveclass.v1.pref.';

export function loadPref(name: string): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(PREFIX + name);
  } catch {
    return null;
  }
}

export function savePref(name: string, value: string | null): void {
  try {
    if (typeof localStorage === 'undefined') return;
    if (value === null) localStorage.removeItem(PREFIX + name);
    else localStorage.setItem(PREFIX + name, value);
  } catch {
    // Not remembered; the choice still holds for this page.
  }
}

export function loadFlag(name: string): boolean {
  return loadPref(name) === '1';
}

export function saveFlag(name: string, on: boolean): void {
  savePref(name, on ? '1' : null);
}
