import { TestBed } from '@angular/core/testing';
import { deviceLocale, formatLocale, I18n, loadAreas, regionalTag, supportedLocale, translate } from './i18n';
import { formatMoney } from './money';

describe('the app language', () => {
  const storage = (value: string | null) => ({ getItem: () => value });

  it("is the one chosen on this device, else the browser's first supported preference, else English", () => {
    expect(deviceLocale(storage('he'), ['de-DE', 'en'])).toBe('he');
    expect(deviceLocale(storage(null), ['fr-FR', 'ru-RU', 'de'])).toBe('ru');
    expect(deviceLocale(storage('xx'), ['pt-BR'])).toBe('en');
    expect(supportedLocale('DE-at')).toBe('de');
    expect(supportedLocale('')).toBeNull();
  });

  it("formats with the browser's regional tag of the same language", () => {
    expect(regionalTag('de', ['en-GB', 'de-AT'])).toBe('de-AT');
    expect(regionalTag('ru', ['en-GB'])).toBe('ru');
  });

  it("loads a page's texts with it, in the current language, and shows a key it does not know as the key", async () => {
    expect(translate('common.today')).toBe('Today');
    expect(translate('dashboard.nothing' as never)).toBe('dashboard.nothing');
    await loadAreas('dashboard', 'settings');
    expect(translate('common.title.settings')).toBe('Settings · STracker');
  });

  it('switches without a reload: texts, <html lang dir>, money, and remembers the choice', async () => {
    localStorage.removeItem('stracker.locale');
    const i18n = TestBed.inject(I18n);
    expect(i18n.t('common.today')).toBe('Today');
    await i18n.use('de');
    expect(i18n.t('common.today')).toBe('Heute');
    expect(document.documentElement.lang).toBe('de');
    expect(formatLocale().startsWith('de')).toBe(true);
    expect(formatMoney(1234.5, 'EUR', 'de-DE').replace(/\s/g, ' ')).toBe('1.234,50 €');
    expect(localStorage.getItem('stracker.locale')).toBe('de');
    await i18n.use('he');
    expect(document.documentElement.dir).toBe('rtl');
    expect(i18n.dir()).toBe('rtl');
    expect(i18n.t('common.waitingToBeSent', { count: 3 })).toBe('3 הוצאות ממתינות לשליחה');
    await i18n.use('en');
    expect(document.documentElement.dir).toBe('ltr');
    localStorage.removeItem('stracker.locale');
  });
});
