import { HttpErrorResponse } from '@angular/common/http';
import { errorMessage, errorReason, isUnreachable } from './error-message';
import { I18n } from './i18n';

describe('errorMessage', () => {
  const refusal = '"Food" is shared by the household and belongs to anna: only anna can delete it.';

  it("says the server's reason for a refused JSON call", () => {
    const error = new HttpErrorResponse({ status: 403, error: { statusCode: 403, error: 'Forbidden', message: refusal } });
    expect(errorMessage(error)).toBe('"Food" is shared by the household and belongs to anna: only anna can delete it');
  });

  it('says it too when the call expected text (a DELETE) and the JSON error arrived as a string', () => {
    const error = new HttpErrorResponse({ status: 403, error: JSON.stringify({ statusCode: 403, error: 'Forbidden', message: refusal }) });
    expect(errorMessage(error)).toBe('"Food" is shared by the household and belongs to anna: only anna can delete it');
  });

  it('falls back to the status when the body is no JSON', () => {
    expect(errorMessage(new HttpErrorResponse({ status: 403, error: '<html>Forbidden</html>' }))).toBe('The request failed (403).');
  });

  it("says too many tries when nginx's rate limit answers 429 without the API's body; the API's own 429 keeps its words", () => {
    expect(errorMessage(new HttpErrorResponse({ status: 429, error: '<html>429 Too Many Requests</html>' }))).toBe('Too many tries in a short time. Wait a minute, then try again.');
    const api = new HttpErrorResponse({ status: 429, error: { statusCode: 429, message: 'An import of yours is still running; try again when it is done' } });
    expect(errorMessage(api)).toBe('An import of yours is still running; try again when it is done');
  });

  it("reads the API's machine-readable reason, also from a body that arrived as text", () => {
    const body = { statusCode: 400, error: 'Bad Request', reason: 'dates_ambiguous', message: 'dates' };
    expect(errorReason(new HttpErrorResponse({ status: 400, error: body }))).toBe('dates_ambiguous');
    expect(errorReason(new HttpErrorResponse({ status: 400, error: JSON.stringify(body) }))).toBe('dates_ambiguous');
    expect(errorReason(new HttpErrorResponse({ status: 400, error: '<html>bad</html>' }))).toBeNull();
    expect(errorReason(new Error('no'))).toBeNull();
  });

  it('says a server failure (5xx) is ours, and only a missing answer is "offline"', () => {
    const failed = new HttpErrorResponse({ status: 500, error: { statusCode: 500, message: 'Internal server error' } });
    expect(errorMessage(failed)).toBe('Something went wrong on our side. Please try again.');
    expect(isUnreachable(failed)).toBe(false);
    expect(isUnreachable(new HttpErrorResponse({ status: 503 }))).toBe(false);
    const noAnswer = new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' });
    expect(isUnreachable(noAnswer)).toBe(true);
    expect(errorMessage(noAnswer)).toBe('You are offline or the server cannot be reached. Try again when you are back online.');
  });

  it("says its own words in the app's language; the server's reason stays as the server wrote it", async () => {
    const i18n = new I18n();
    try {
      await i18n.use('ru', false);
      expect(errorMessage(new HttpErrorResponse({ status: 0 }))).toBe('Нет сети или сервер недоступен. Попробуйте снова, когда связь вернётся.');
      expect(errorMessage(new HttpErrorResponse({ status: 418, error: 'teapot' }))).toBe('Запрос не удался (418).');
      await i18n.use('he', false);
      expect(errorMessage(new HttpErrorResponse({ status: 502 }))).toBe('משהו השתבש אצלנו. נסו שוב.');
      expect(errorMessage(new HttpErrorResponse({ status: 403, error: { message: refusal } }))).toBe('"Food" is shared by the household and belongs to anna: only anna can delete it');
    } finally {
      await i18n.use('en', false);
    }
  });
  describe('a field the server names', () => {
    const i18n = new I18n();
    const refused = (status: number, message: string | string[]) => new HttpErrorResponse({ status, error: { statusCode: status, message } });
    afterEach(() => i18n.use('en', false));

    it('is named by its label in German (a 409 on the username)', async () => {
      await i18n.use('de', false);
      expect(errorMessage(refused(409, 'username: ist schon vergeben; wähle einen anderen'))).toBe('Benutzername: ist schon vergeben; wähle einen anderen');
    });

    it('by its whole path when nested (prefs.dailyReminder, keys.p256dh), in each message of a 400', async () => {
      await i18n.use('ru', false);
      const messages = ['prefs.dailyReminder: время дня в формате ЧЧ:ММ (24 ч), например 20:30, или null', 'keys.p256dh: открытый ключ P-256 браузера: 65 байт в base64url (PushSubscription.toJSON().keys.p256dh)'];
      expect(errorMessage(refused(400, messages))).toBe(
        'Ежедневное напоминание: время дня в формате ЧЧ:ММ (24 ч), например 20:30, или null. Открытый ключ браузера: открытый ключ P-256 браузера: 65 байт в base64url (PushSubscription.toJSON().keys.p256dh).',
      );
      await i18n.use('he', false);
      expect(errorMessage(refused(409, 'username: השם כבר תפוס; בחרו שם אחר'))).toBe('שם משתמש: השם כבר תפוס; בחרו שם אחר');
    });

    it('keeps its API name, exactly as written, when it has no label', async () => {
      await i18n.use('de', false);
      expect(errorMessage(refused(400, ['colour: unbekanntes Feld', 'prefs.sound: unbekanntes Feld']))).toBe('colour: unbekanntes Feld. prefs.sound: unbekanntes Feld.');
      expect(errorMessage(refused(400, 'Der Anfrageinhalt ist kein gültiges JSON.'))).toBe('Der Anfrageinhalt ist kein gültiges JSON');
    });

    it('stays as the server wrote it in English (only the first letter in upper case)', () => {
      expect(errorMessage(refused(409, 'username is already taken; choose another'))).toBe('Username is already taken; choose another');
      const messages = ['prefs.dailyReminder must be a time of day as HH:MM (24 h), such as 20:30, or null', "prorateFirstPeriod: the household's first period is over; every later period counts in full"];
      expect(errorMessage(refused(400, messages))).toBe(
        "Prefs.dailyReminder must be a time of day as HH:MM (24 h), such as 20:30, or null. ProrateFirstPeriod: the household's first period is over; every later period counts in full.",
      );
    });

    it('capitalises only a first letter that has case and stays one letter', async () => {
      await i18n.use('ru', false);
      expect(errorMessage(refused(400, 'тело запроса пустое'))).toBe('Тело запроса пустое');
      expect(errorMessage(refused(400, 'ßtraße'))).toBe('ßtraße');
      expect(errorMessage(refused(400, '"Food" gehört anna'))).toBe('"Food" gehört anna');
    });
  });
});
