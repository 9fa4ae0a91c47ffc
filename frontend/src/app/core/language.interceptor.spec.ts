import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { publicContext } from './auth.service';
import { I18n } from './i18n';
import { languageInterceptor } from './language.interceptor';

describe('the language of API calls', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let i18n: I18n;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([languageInterceptor, authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    i18n = TestBed.inject(I18n);
  });
  afterEach(async () => {
    http.verify();
    await i18n.use('en', false);
    localStorage.clear();
  });

  /** The Accept-Language header `url` is requested with. */
  async function acceptLanguage(url: string, options: { context?: ReturnType<typeof publicContext> } = {}): Promise<string | null> {
    const done = firstValueFrom(client.get(url, options));
    const request = http.expectOne(url);
    const header = request.request.headers.get('Accept-Language');
    request.flush({});
    await done;
    return header;
  }

  it('sends the app\'s language with every API call, signed in or not, and follows a switch at once', async () => {
    expect(await acceptLanguage('/api/funnels')).toBe('en');
    await i18n.use('de');
    expect(await acceptLanguage('/api/funnels')).toBe('de');
    expect(await acceptLanguage('/api/auth/registration', { context: publicContext() })).toBe('de');
    await i18n.use('he');
    expect(await acceptLanguage('/api/me')).toBe('he');
  });

  it('leaves requests outside the API alone', async () => {
    await i18n.use('ru');
    expect(await acceptLanguage('/manifest.ru.webmanifest')).toBeNull();
  });
});
