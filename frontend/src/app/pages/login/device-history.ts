/**
 * Whether anyone ever signed in on this device: the sign-in page opens on "Register" for a
 * first visit and on "Sign in" after that. Set on every successful sign-in or registration.
 */
const KEY = 'stracker.signedInBefore';
/** TokenStore's record of the last user (kept after signing out): a device that has one was used before. */
const LAST_USER_KEY = 'stracker.lastUser';

export function signedInBefore(): boolean {
  try {
    return localStorage.getItem(KEY) === '1' || localStorage.getItem(LAST_USER_KEY) !== null;
  } catch {
    return false;
  }
}

export function rememberSignedIn(): void {
  try {
    localStorage.setItem(KEY, '1');
  } catch {
    // Private mode without storage: the next visit opens on Register again, nothing worse.
  }
}
