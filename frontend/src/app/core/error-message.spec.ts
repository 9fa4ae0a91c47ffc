import { HttpErrorResponse } from '@angular/common/http';
import { errorMessage } from './error-message';

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
});
