import { Api } from '../../api/api';
import { meMe } from '../../api/fn/me/me-me';
import { meUpdate } from '../../api/fn/me/me-update';
import { I18n, isLocale } from '../../core/i18n';

/** How long a sign-in waits for the user's language before it goes on (it still switches when it comes). */
export const LANGUAGE_WAIT_MS = 1500;

/**
 * After a sign-in or a reset link, the user's language follows them: a device
 * where nobody chose a language takes the one the user chose before (on another phone, say) and
 * keeps it; a user who never chose one gets this device's, so the server's notifications speak
 * it too. A language chosen on this device stays as it is. Offline or failing, nothing changes:
 * this never stands in the way of signing in. (A registration sends the device's language with
 * register/finish, so the new user has it at once.)
 */
export async function syncLanguage(api: Api, i18n: I18n): Promise<void> {
  try {
    const me = await api.invoke(meMe);
    if (isLocale(me.locale)) {
      if (!i18n.chosen()) await i18n.use(me.locale);
    } else {
      await api.invoke(meUpdate, { body: { locale: i18n.locale() } });
    }
  } catch {
    // The next sign-in tries again; Settings has the switch meanwhile.
  }
}

/** `syncLanguage`, waited for at most `waitMs` (the next page then opens in the user's language, mostly). */
export function syncLanguageBriefly(api: Api, i18n: I18n, waitMs = LANGUAGE_WAIT_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
  return Promise.race([syncLanguage(api, i18n), late]).finally(() => clearTimeout(timer));
}
