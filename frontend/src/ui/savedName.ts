/** The last user name, kept in localStorage; storage may be unavailable (private mode, policy). */
const KEY = 'tidings.user';

export function loadName(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveName(name: string): void {
  try {
    localStorage.setItem(KEY, name);
  } catch {
    // not remembering the name is fine
  }
}
