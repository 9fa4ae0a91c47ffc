import { currentLocale, translate } from '../core/i18n';
import { settings as ENGLISH } from '../i18n/en/settings';

/** One emoji of the picker: the character, its name (what a screen reader says) and words to find it by. */
export interface EmojiEntry {
  readonly emoji: string;
  readonly name: string;
  readonly words: string;
}

/** The emoji's names in the catalogue: `settings.emoji.<id>` (its name) and `settings.emojiWords.<id>` (words to find it by). */
type EmojiId = keyof typeof ENGLISH extends infer K ? (K extends `settings.emoji.${infer Id}` ? Id : never) : never;

/**
 * Common budgeting emoji, grouped as a family's spending is (food, transport, home, bills,
 * health, kids, pets, fun, clothes, other). Imported only by the picker, which lives in lazy
 * pages (Settings, setup): it never weighs on the first screen.
 */
const LIST: ReadonlyArray<readonly [string, EmojiId]> = [
  // Food and drink
  ['🍞', 'bread'],
  ['🛒', 'shoppingCart'],
  ['🍎', 'apple'],
  ['🥦', 'broccoli'],
  ['🥩', 'meat'],
  ['🧀', 'cheese'],
  ['🥛', 'milk'],
  ['🥐', 'croissant'],
  ['🍕', 'pizza'],
  ['🍔', 'burger'],
  ['🍱', 'lunchBox'],
  ['🍽️', 'eatingOut'],
  ['☕', 'coffee'],
  ['🍺', 'beer'],
  ['🍷', 'wine'],
  ['🍰', 'cake'],
  ['🍫', 'chocolate'],
  ['🍦', 'iceCream'],
  // Transport
  ['⛽', 'fuel'],
  ['🚗', 'car'],
  ['🚕', 'taxi'],
  ['🚌', 'bus'],
  ['🚆', 'train'],
  ['🚇', 'metro'],
  ['🚲', 'bicycle'],
  ['🛴', 'scooter'],
  ['✈️', 'flight'],
  ['🅿️', 'parking'],
  ['🔧', 'repairs'],
  ['🚙', 'carCosts'],
  // Home
  ['🏠', 'home'],
  ['🏡', 'garden'],
  ['🛋️', 'furniture'],
  ['🧹', 'cleaning'],
  ['🧺', 'laundry'],
  ['💡', 'electricity'],
  ['🔥', 'heating'],
  ['💧', 'water'],
  ['🪴', 'plants'],
  ['🛠️', 'diy'],
  ['🔑', 'rent'],
  ['📦', 'deliveries'],
  // Bills and money
  ['🧾', 'bills'],
  ['💳', 'card'],
  ['🏦', 'bank'],
  ['💰', 'savings'],
  ['💶', 'euro'],
  ['💵', 'dollar'],
  ['💷', 'pound'],
  ['💸', 'fees'],
  ['📱', 'phone'],
  ['🌐', 'internet'],
  ['📺', 'tv'],
  ['🛡️', 'insurance'],
  ['🧮', 'taxes'],
  ['📉', 'debt'],
  // Health and care
  ['💊', 'pharmacy'],
  ['🏥', 'hospital'],
  ['🩺', 'doctor'],
  ['🦷', 'dentist'],
  ['👓', 'glasses'],
  ['🧴', 'toiletries'],
  ['💇', 'haircut'],
  ['💅', 'beauty'],
  ['🏋️', 'gym'],
  ['🧘', 'wellbeing'],
  // Kids and family
  ['👶', 'baby'],
  ['🍼', 'babyFood'],
  ['🧸', 'toys'],
  ['🎒', 'school'],
  ['✏️', 'stationery'],
  ['📚', 'books'],
  ['🎓', 'education'],
  ['👪', 'family'],
  ['🎈', 'birthday'],
  // Pets
  ['🐶', 'dog'],
  ['🐱', 'cat'],
  ['🐾', 'pets'],
  ['🐟', 'fish'],
  ['🦴', 'petFood'],
  ['🐴', 'horse'],
  // Fun and holidays
  ['🎬', 'cinema'],
  ['🎮', 'games'],
  ['🎵', 'music'],
  ['🎨', 'hobbies'],
  ['📷', 'photos'],
  ['⚽', 'football'],
  ['🎾', 'tennis'],
  ['🏊', 'swimming'],
  ['🎟️', 'tickets'],
  ['🎭', 'theatre'],
  ['🏖️', 'holiday'],
  ['🏕️', 'camping'],
  ['🏨', 'hotel'],
  ['🎉', 'celebrations'],
  ['🎲', 'boardGames'],
  ['🎁', 'gifts'],
  // Clothes
  ['👕', 'clothes'],
  ['👟', 'shoes'],
  ['👗', 'fashion'],
  ['🧥', 'coat'],
  ['👜', 'bags'],
  ['💍', 'jewellery'],
  // Other
  ['🛍️', 'shopping'],
  ['💻', 'computer'],
  ['🔌', 'gadgets'],
  ['🤝', 'charity'],
  ['💼', 'work'],
  ['📮', 'post'],
  ['🚬', 'smoking'],
  ['🌱', 'eco'],
  ['❤️', 'love'],
  ['⭐', 'other'],
];

/** The emoji of the picker, each with the id of its name and words in the catalogue. */
export const EMOJI: ReadonlyArray<{ readonly emoji: string; readonly id: EmojiId }> = LIST.map(([emoji, id]) => ({ emoji, id }));

/**
 * The entries in the app's language: named as a screen reader should say them, found by words
 * of that language and, after them, by the English ones (people often know "car" too). A
 * template or computed that calls this is redrawn on a language switch.
 */
export function emojiEntries(): readonly EmojiEntry[] {
  const inEnglish = currentLocale() === 'en';
  return EMOJI.map(({ emoji, id }) => {
    const name = translate(`settings.emoji.${id}`);
    const words = translate(`settings.emojiWords.${id}`);
    return { emoji, name, words: inEnglish ? words : `${words} ${ENGLISH[`settings.emoji.${id}`]} ${ENGLISH[`settings.emojiWords.${id}`]}` };
  });
}

/**
 * The entries that match every word of `query` (at the start of a word of the name or the
 * keywords), or all of them for an empty query: "car" finds the car, fuel, parking and repairs
 * (and the card: words are matched from their start); typing an emoji itself finds that emoji.
 */
export function searchEmoji(query: string, list: readonly EmojiEntry[] = emojiEntries()): readonly EmojiEntry[] {
  const terms = query.toLocaleLowerCase().trim().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return list;
  return list.filter((entry) => {
    const haystack = ` ${entry.name.toLocaleLowerCase()} ${entry.words.toLocaleLowerCase()}`;
    return terms.every((term) => entry.emoji === term || haystack.includes(` ${term}`));
  });
}
