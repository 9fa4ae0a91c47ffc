import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localeFromAcceptLanguage } from '../src/i18n/accept-language';
import { en, TextKey } from '../src/i18n/en';
import { placeholderNames } from '../src/i18n/format';
import { CATALOGUES, serverText, text } from '../src/i18n/server-text';
import { bearer, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

const TRANSLATIONS = Object.entries(CATALOGUES).filter(([locale]) => locale !== 'en');

/**
 * The catalogues' check (mirrors the PWA's, frontend/src/app/i18n/i18n.spec.ts): every language
 * has exactly the keys English has, each with the same placeholders, and no empty text.
 */
describe('the server texts of each language', () => {
  const english = Object.keys(en).sort();

  it('has a catalogue for every language but English to check', () => {
    expect(TRANSLATIONS.map(([locale]) => locale).sort()).toEqual(['de', 'he', 'ru']);
  });

  for (const [locale, texts] of TRANSLATIONS) {
    it(`${locale} has every key English has and no other`, () => {
      const keys = Object.keys(texts).sort();
      expect(keys.filter((k) => !(k in en))).toEqual([]);
      expect(english.filter((k) => !(k in texts))).toEqual([]);
    });

    it(`${locale} uses the same placeholders as English, and no text is empty`, () => {
      const catalogue = texts as Readonly<Record<string, string>>;
      const mismatched = english.filter((key) => placeholderNames(catalogue[key] ?? '').join() !== placeholderNames(en[key as TextKey]).join());
      expect(mismatched).toEqual([]);
      expect(english.filter((key) => (catalogue[key] ?? '').trim() === '')).toEqual([]);
    });
  }

  it('writes plurals by the language\'s rules and lists the language\'s way', () => {
    const minutes = (locale: 'en' | 'de' | 'ru' | 'he', n: number) => serverText(locale, 'auth.tooManyWrongCodes', { minutes: n });
    expect([1, 5].map((n) => minutes('en', n))).toEqual(['Too many wrong codes. Try again in 1 minute.', 'Too many wrong codes. Try again in 5 minutes.']);
    expect([1, 3, 5, 21].map((n) => minutes('ru', n).match(/через (.*)\./)![1])).toEqual(['1 минуту', '3 минуты', '5 минут', '21 минуту']);
    expect([1, 2, 5].map((n) => minutes('he', n).match(/בעוד (.*)\./)![1])).toEqual(['דקה', 'שתי דקות', '5 דקות']);
    expect(serverText('de', 'request.sendFile', { types: ['text/csv', 'application/x-ofx'] })).toBe('Sende die Datei selbst mit Content-Type: text/csv oder application/x-ofx');
    // A text inside a text is written in the same language; outside a request, a text is English.
    const nested = text('push.endpointNotPublic', { field: 'endpoint', address: '10.0.0.1', what: text('push.address.private') });
    expect(nested.in('de')).toBe('endpoint: muss eine öffentliche Adresse haben: 10.0.0.1 ist eine private Adresse');
    expect(String(nested)).toBe('endpoint must be on a public address: 10.0.0.1 is a private address');
    expect(JSON.stringify({ message: nested })).toBe('{"message":"endpoint must be on a public address: 10.0.0.1 is a private address"}');
  });
});

describe('the language of a request (Accept-Language)', () => {
  it('is the supported language with the highest weight, the earlier one on a tie, else English', () => {
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'en'],
      ['', 'en'],
      ['de', 'de'],
      ['he', 'he'],
      ['de-AT', 'de'],
      ['ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7', 'ru'],
      ['en-US,en;q=0.9,de;q=0.8', 'en'],
      ['fr-FR, fr;q=0.9, de;q=0.5', 'de'],
      ['fr, it', 'en'],
      ['*', 'en'],
      ['de;q=0.2, ru;q=0.8', 'ru'],
      ['de, ru', 'de'],
      ['de;q=0, ru;q=0.1', 'ru'],
      ['de;q=0', 'en'],
      ['HE-il', 'he'],
      ['iw-IL', 'he'],
      ['de;q=abc, ru;q=2, he;q=0.3', 'he'],
      [`${'x'.repeat(300)}, de`, 'en'],
    ];
    for (const [header, locale] of cases) expect([header, localeFromAcceptLanguage(header)]).toEqual([header, locale]);
  });
});

describe('messages the server writes, in the language the request asks for', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  const MISSING = '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b';

  beforeAll(async () => {
    t = await startTestApp();
    anna = await registerUser(t, 'anna');
  });
  afterAll(() => t.dispose());

  const auth = () => bearer(anna.accessToken);
  const inLanguage = (locale?: string) => (locale ? { 'Accept-Language': locale } : {});

  it('a validation 400 names the field and says why in German, Russian or Hebrew (English without the header)', async () => {
    const funnelId = (await t.http.get('/api/funnels').set(auth())).body[0].id;
    const send = (locale?: string) => t.http.post('/api/spendings').set(auth()).set(inLanguage(locale)).send({ funnelId, amount: 12.345, note: 'x'.repeat(141) });
    const expected: Record<string, string[]> = {
      '': ['amount must have at most 2 decimal places', 'note must be at most 140 characters'],
      de: ['amount: höchstens 2 Nachkommastellen', 'note: höchstens 140 Zeichen'],
      ru: ['amount: не более 2 знаков после запятой', 'note: не более 140 символов'],
      he: ['amount: לכל היותר 2 ספרות אחרי הנקודה', 'note: לכל היותר 140 תווים'],
    };
    for (const [locale, message] of Object.entries(expected)) {
      const res = await send(locale || undefined).expect(400);
      expect({ locale, body: res.body }).toEqual({ locale, body: { statusCode: 400, error: 'Bad Request', message } });
    }
    expect(await t.sql('SELECT id FROM spendings')).toEqual([]);
  });

  it('a 409 and a 404 in the language asked for', async () => {
    const invite = (await t.http.post('/api/household/invites').set(auth()).expect(201)).body.code;
    const conflicts: Record<string, string> = {
      '': 'You are already a member of this household',
      de: 'Du bist schon Mitglied dieses Haushalts',
      ru: 'Вы уже состоите в этой семье',
      he: 'אתם כבר חברים במשק הבית הזה',
    };
    for (const [locale, message] of Object.entries(conflicts)) {
      const res = await t.http.post('/api/household/join').set(auth()).set(inLanguage(locale || undefined)).send({ code: invite }).expect(409);
      expect({ locale, body: res.body }).toEqual({ locale, body: { statusCode: 409, error: 'Conflict', message } });
    }
    const missing: Record<string, string> = { '': 'Funnel not found', de: 'Topf nicht gefunden', ru: 'Конверт не найден', he: 'הקופה לא נמצאה' };
    for (const [locale, message] of Object.entries(missing)) {
      const res = await t.http.get(`/api/funnels/${MISSING}`).set(auth()).set(inLanguage(locale || undefined)).expect(404);
      expect({ locale, body: res.body }).toEqual({ locale, body: { statusCode: 404, error: 'Not Found', message } });
    }
  });

  it('picks the best supported language of a browser\'s list, and English for one it does not speak', async () => {
    const missing = (header: string) => t.http.get(`/api/funnels/${MISSING}`).set(auth()).set('Accept-Language', header).expect(404);
    expect((await missing('fr-FR,fr;q=0.9,de;q=0.8,en;q=0.5')).body.message).toBe('Topf nicht gefunden');
    expect((await missing('fr-FR,fr;q=0.9')).body.message).toBe('Funnel not found');
  });

  it('keeps the machine-readable parts as they are: the reason of a 401, the status phrase, Retry-After', async () => {
    const res = await t.http.get('/api/me').set('Accept-Language', 'de').expect(401);
    expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', reason: 'missing_token', message: 'Melde dich zuerst an: Diese Anfrage braucht ein Zugriffstoken (Authorization: Bearer …).' });
    const wrong = await t.http.post('/api/auth/login').set('Accept-Language', 'ru').send({ username: 'anna', code: '000000' }).expect(401);
    expect(wrong.body).toMatchObject({ reason: 'invalid_credentials', message: 'Неизвестное имя пользователя или неверный код.' });
  });

  it('says why a push test failed in the language asked for (Settings → Notifications)', async () => {
    const res = await t.http.post('/api/push/test').set(auth()).set('Accept-Language', 'he').expect(404);
    expect(res.body.message).toBe('למכשיר הזה אין מינוי להתראות');
  });

  it('says what is wrong with the request itself in the language asked for', async () => {
    const notJson = await t.http.post('/api/spendings').set(auth()).set('Accept-Language', 'de').set('Content-Type', 'application/json').send('{"amount": ').expect(400);
    expect(notJson.body.message).toBe('Der Anfrageinhalt ist kein gültiges JSON.');
    const unknown = await t.http.patch('/api/me').set(auth()).set('Accept-Language', 'ru').send({ locale: 'de', colour: 'red' }).expect(400);
    expect(unknown.body.message).toEqual(['colour: неизвестное поле']);
    const badId = await t.http.delete('/api/spendings/not-a-uuid').set(auth()).set('Accept-Language', 'he').expect(400);
    expect(badId.body.message).toEqual(['id: חייב להיות UUID']);
  });

  /**
   * Every route with a JSON body, every field set to null (as hostile-input.spec.ts sends them):
   * each message names the field, and none is left in English when German is asked for.
   */
  it('leaves no validation message of any route in English', async () => {
    const doc = JSON.parse(readFileSync(join(__dirname, '../openapi.json'), 'utf8'));
    const schema = (ref: string) => doc.components.schemas[ref.split('/').pop()!];
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(methods)) {
        const json = op.requestBody?.content?.['application/json']?.schema;
        if (!json) continue;
        const url = path.replace('{id}', MISSING);
        for (const field of Object.keys(schema(json.$ref).properties ?? {})) {
          const call = (locale?: string) => {
            const req = t.http[method as 'post'](url).set(inLanguage(locale)).send({ [field]: null });
            return op.security ? req.set(auth()) : req;
          };
          const [english, german] = await Promise.all([call(), call('de')]);
          const route = `${method.toUpperCase()} ${path} ${field}`;
          expect({ route, status: german.status }).toEqual({ route, status: 400 });
          const ofField = (body: { message: string[] }) => body.message.filter((m) => m.startsWith(field));
          expect({ route, german: ofField(german.body).length > 0 }).toEqual({ route, german: true });
          expect({ route, german: ofField(german.body).length }).toEqual({ route, german: ofField(english.body).length });
          for (const message of ofField(german.body)) expect({ route, message, english: english.body.message.includes(message) }).toEqual({ route, message, english: false });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
