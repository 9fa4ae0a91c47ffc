import { Api } from '../../api/api';
import { authRegistration } from '../../api/fn/auth/auth-registration';
import { RegistrationInfoDto } from '../../api/models';
import { publicContext } from '../../core/auth.service';

/** How long the register tab waits for the policy before it shows the form anyway. */
export const REGISTRATION_INFO_WAIT_MS = 4000;

/**
 * Whether this server takes new accounts and whether they need an invite code, or null when
 * that cannot be known now (offline, an error, no answer in time). The register/start answer
 * (403, 429) stays the final word, so not knowing only means showing the form as before.
 */
export async function loadRegistrationInfo(api: Api, waitMs = REGISTRATION_INFO_WAIT_MS): Promise<RegistrationInfoDto | null> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
  try {
    return await Promise.race([api.invoke(authRegistration, {}, publicContext()).catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
