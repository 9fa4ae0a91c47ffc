import { placeholderNames } from '../core/message-format';
import { EN, Messages } from './en';
import { DE } from './de';
import { HE } from './he';
import { RU } from './ru';
import * as enAreas from './en/areas';

const TRANSLATIONS: Record<string, Messages> = { de: DE, ru: RU, he: HE };

/**
 * The catalogues' check (npm test): every language has exactly the keys English has, each with
 * the same placeholders, no empty text, and every key in the area it is filed under.
 */
describe('translations', () => {
  const english = Object.keys(EN).sort();

  for (const [locale, messages] of Object.entries(TRANSLATIONS)) {
    it(`${locale} has every key English has and no other`, () => {
      const keys = Object.keys(messages).sort();
      expect(keys.filter((k) => !(k in EN))).toEqual([]);
      expect(english.filter((k) => !(k in messages))).toEqual([]);
    });

    it(`${locale} uses the same placeholders as English, and no text is empty`, () => {
      const mismatched = english.filter((key) => placeholderNames(messages[key as keyof Messages]).join() !== placeholderNames(EN[key as keyof Messages]).join());
      expect(mismatched).toEqual([]);
      expect(english.filter((key) => messages[key as keyof Messages].trim() === '')).toEqual([]);
    });
  }

  it('files each key under its area (the area name starts the key)', () => {
    const misfiled = Object.entries(enAreas).flatMap(([area, texts]) => Object.keys(texts).filter((key) => !key.startsWith(`${area}.`)));
    expect(misfiled).toEqual([]);
  });
});
