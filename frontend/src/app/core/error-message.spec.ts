import { HttpErrorResponse } from '@angular/common/http';
import { errorMessage, isUnreachable } from './error-message';

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
});
