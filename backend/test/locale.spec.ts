import { notificationText, NotificationKind, NotificationParams } from '../src/push/push-texts';
import { LOCALES, supportedLocale } from '../src/rules/locale';
import { bearer, currentCode, nextStep, registerUser, startTestApp, TestApp } from './support/test-app';

describe('the language a user chose', () => {
  let t: TestApp;
  afterEach(() => t?.dispose());

  it('is null until chosen, set with PATCH /api/me, and refused outside en, de, ru, he', async () => {
    t = await startTestApp();
    const anna = await registerUser(t, 'anna');
    const auth = bearer(anna.accessToken);
    expect((await t.http.get('/api/me').set(auth).expect(200)).body.locale).toBeNull();
    const changed = await t.http.patch('/api/me').set(auth).send({ locale: 'he' }).expect(200);
    expect(changed.body).toMatchObject({ username: 'anna', locale: 'he', household: { currency: 'EUR' } });
    expect((await t.http.get('/api/me').set(auth).expect(200)).body.locale).toBe('he');
    for (const locale of ['fr', 'EN', null, 42, '']) {
      const res = await t.http.patch('/api/me').set(auth).send({ locale }).expect(400);
      expect(res.body.message).toEqual(['locale must be one of en, de, ru, he']);
    }
    await t.http.patch('/api/me').set(auth).send({}).expect(400);
    await t.http.patch('/api/me').send({ locale: 'de' }).expect(401);
    expect(await t.sql('SELECT locale FROM users')).toEqual([{ locale: 'he' }]);
  });
});

describe('registering in a language', () => {
  let t: TestApp;
  afterEach(() => t?.dispose());

  it('stores it on the user and names the household and the starter funnels in it', async () => {
    t = await startTestApp();
    const cases = [
      ['anke', 'de', 'Haushalt von anke', ['Essen', 'Sonstiges']],
      ['ruslan', 'ru', 'Семья ruslan', ['Еда', 'Разное']],
      ['hila', 'he', 'משק הבית של hila', ['אוכל', 'שונות']],
      ['emma', undefined, "emma's household", ['Food', 'Misc']],
    ] as const;
    for (const [username, locale, household, funnels] of cases) {
      const start = (await t.http.post('/api/auth/register/start').send({ username }).expect(201)).body;
      const finish = await t.http
        .post('/api/auth/register/finish')
        .send({ enrolmentToken: start.enrolmentToken, code: currentCode(t, start.secret), ...(locale ? { locale } : {}) })
        .expect(201);
      nextStep(t);
      const auth = bearer(finish.body.accessToken);
      const me = (await t.http.get('/api/me').set(auth).expect(200)).body;
      expect({ locale: me.locale, household: me.household.name }).toEqual({ locale: locale ?? null, household });
      expect((await t.http.get('/api/funnels').set(auth).expect(200)).body.map((f: { name: string }) => f.name)).toEqual(funnels);
    }
    const start = (await t.http.post('/api/auth/register/start').send({ username: 'frank' }).expect(201)).body;
    const refused = await t.http.post('/api/auth/register/finish').send({ enrolmentToken: start.enrolmentToken, code: currentCode(t, start.secret), locale: 'fr' }).expect(400);
    expect(refused.body.message).toEqual(['locale must be one of en, de, ru, he']);
  });
});

describe('notification texts', () => {
  const samples: { [K in NotificationKind]: NotificationParams[K] } = {
    nearLimit: { funnel: '🍞 Food', percent: 80, spent: 1600, available: 2000, currency: 'EUR' },
    memberSpent: { member: 'anna', funnel: '⛽ Fuel', amount: 1234.5, currency: 'EUR' },
    fixedCostDue: { funnel: '🏠 Home', amount: 1000, currency: 'EUR', note: 'Rent', dueOn: '2026-04-20' },
    dailyReminder: {},
    test: {},
  };
  const kinds = Object.keys(samples) as NotificationKind[];
  /** Intl separates with no-break spaces (U+00A0, U+202F); written here as plain ones. */
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

  it('exist for every kind in every language, each its own (no English left in another language)', () => {
    for (const locale of LOCALES) {
      for (const kind of kinds) {
        const text = notificationText(kind, samples[kind] as never, locale);
        expect(text.title.trim().length).toBeGreaterThan(0);
        expect(text.body.trim().length).toBeGreaterThan(0);
        if (locale !== 'en') expect({ locale, kind, text }).not.toEqual({ locale, kind, text: notificationText(kind, samples[kind] as never, 'en') });
      }
    }
  });

  it('format money and dates in the language, with the household currency', () => {
    expect(plain(notificationText('memberSpent', samples.memberSpent, 'de').title)).toBe('anna hat 1.234,50 € ausgegeben');
    expect(plain(notificationText('memberSpent', samples.memberSpent, 'ru').title)).toBe('anna: расход 1 234,50 €');
    expect(notificationText('memberSpent', samples.memberSpent, 'en').title).toBe('anna spent €1,234.50');
    expect(plain(notificationText('fixedCostDue', samples.fixedCostDue, 'de').body)).toBe('1.000,00 € aus 🏠 Home werden am Montag, 20. April eingetragen.');
    expect(notificationText('nearLimit', { ...samples.nearLimit, percent: 100, spent: 2100 }, 'en')).toEqual({ title: '🍞 Food is over its budget', body: '€2,100.00 spent of €2,000.00 this period.' });
  });

  it('fall back to English for a language there is none of, and follow the language of a regional tag', () => {
    expect(supportedLocale('de-AT')).toBe('de');
    expect(supportedLocale('pt-BR')).toBe('en');
    expect(supportedLocale(null)).toBe('en');
    expect(notificationText('test', {}, 'fr').title).toBe('STracker notifications work');
    expect(notificationText('test', {}, 'ru-RU').title).toBe('Уведомления STracker работают');
  });
});
