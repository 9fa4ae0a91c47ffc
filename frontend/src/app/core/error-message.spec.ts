import { HttpErrorResponse } from '@angular/common/http';
import { errorMessage, isUnreachable } from './error-message';
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
});
