import { TestBed } from '@angular/core/testing';
import { I18n, loadAreas } from '../core/i18n';
import { currencyLabel, currencyOptions } from './currency-options';
import { CURRENT_ZONE_NAMES, currentZoneName, timeZoneOptions } from './settings-timezones';

describe('currencies with names', () => {
  it('names each currency ("Euro — EUR"), sorted by name, with the household currency always there', () => {
    const options = currencyOptions('EUR', ['en']);
    expect(options.find((o) => o.code === 'EUR')!.label).toBe('Euro — EUR');
    expect(options.find((o) => o.code === 'CHF')!.label).toBe('Swiss Franc — CHF');
    expect(options.find((o) => o.code === 'USD')!.label).toBe('US Dollar — USD');
    const labels = options.map((o) => o.label);
    expect(labels).toEqual([...labels].sort(new Intl.Collator(['en']).compare));
    expect(new Set(options.map((o) => o.code)).size).toBe(options.length);
    // Withdrawn currencies are not offered…
    expect(options.some((o) => o.code === 'HRK')).toBe(false);
    // …unless the household still has one.
    expect(currencyOptions('HRK', ['en']).some((o) => o.code === 'HRK')).toBe(true);
  });

  it('falls back to the bare code where the browser has no name', () => {
    expect(currencyLabel('XYZ', new Intl.DisplayNames(['en'], { type: 'currency' }))).toBe('XYZ');
  });

  it("names and sorts them in the app's language, each name with a capital", async () => {
    const i18n = TestBed.inject(I18n);
    try {
      await i18n.use('de');
      const german = currencyOptions('EUR');
      expect(german.find((o) => o.code === 'CHF')!.label).toBe('Schweizer Franken — CHF');
      expect(german.find((o) => o.code === 'USD')!.label).toBe('US-Dollar — USD');
      const labels = german.map((o) => o.label);
      expect(labels).toEqual([...labels].sort(new Intl.Collator('de').compare));
      await i18n.use('ru');
      expect(currencyOptions('EUR').find((o) => o.code === 'EUR')!.label).toBe('Евро — EUR');
      await i18n.use('he');
      expect(currencyOptions('EUR').find((o) => o.code === 'ILS')!.label).toBe('שקל חדש — ILS');
    } finally {
      await i18n.use('en');
      localStorage.removeItem('stracker.locale');
    }
    expect(currencyOptions('EUR').find((o) => o.code === 'CHF')!.label).toBe('Swiss Franc — CHF');
  });
});

describe('time zones under current names', () => {
  beforeEach(async () => {
    await loadAreas('settings');
  });
  const FROM_BROWSER = ['Asia/Calcutta', 'Asia/Kolkata', 'Europe/Kiev', 'Europe/Berlin', 'America/Buenos_Aires', 'Asia/Saigon', 'America/New_York'];

  it('maps the names the browser still lists to the current IANA ones, each once, sorted', () => {
    const values = timeZoneOptions(null, FROM_BROWSER).map((o) => o.value);
    expect(values).toEqual(['America/Argentina/Buenos_Aires', 'America/New_York', 'Asia/Ho_Chi_Minh', 'Asia/Kolkata', 'Europe/Berlin', 'Europe/Kyiv', 'UTC']);
    expect(timeZoneOptions(null, FROM_BROWSER).find((o) => o.value === 'America/New_York')!.label).toBe('America/New York');
  });

  it('keeps the household\'s own value selectable, an old name with the new one beside it', () => {
    const options = timeZoneOptions('Asia/Calcutta', FROM_BROWSER);
    expect(options[0]).toEqual({ value: 'Asia/Calcutta', label: 'Asia/Calcutta (now Asia/Kolkata)' });
    expect(timeZoneOptions('Etc/GMT+5', FROM_BROWSER)[0]).toEqual({ value: 'Etc/GMT+5', label: 'Etc/GMT+5' });
    expect(timeZoneOptions('Europe/Berlin', FROM_BROWSER).filter((o) => o.value === 'Europe/Berlin')).toHaveLength(1);
  });

  it("says an old name's new one in the app's language", async () => {
    const i18n = TestBed.inject(I18n);
    try {
      await i18n.use('de');
      expect(timeZoneOptions('Europe/Kiev', FROM_BROWSER)[0]).toEqual({ value: 'Europe/Kiev', label: 'Europe/Kiev (jetzt Europe/Kyiv)' });
    } finally {
      await i18n.use('en');
      localStorage.removeItem('stracker.locale');
    }
  });

  it('in this browser lists no obsolete name at all', () => {
    const values = timeZoneOptions().map((o) => o.value);
    for (const old of Object.keys(CURRENT_ZONE_NAMES)) expect(values).not.toContain(old);
    expect(values).toEqual(expect.arrayContaining(['Asia/Kolkata', 'Europe/Kyiv', 'UTC']));
    expect(currentZoneName('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(currentZoneName('Europe/Paris')).toBe('Europe/Paris');
  });
});
