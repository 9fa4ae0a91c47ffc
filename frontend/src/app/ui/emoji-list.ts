/** One emoji of the picker: the character, its name (what a screen reader says) and words to find it by. */
export interface EmojiEntry {
  readonly emoji: string;
  readonly name: string;
  readonly words: string;
}

/**
 * Common budgeting emoji, grouped as a family's spending is (food, transport, home, bills,
 * health, kids, pets, fun, clothes, other). Imported only by the picker, which lives in lazy
 * pages (Settings, setup): it never weighs on the first screen.
 */
const RAW: ReadonlyArray<readonly [string, string, string]> = [
  // Food and drink
  ['🍞', 'bread', 'food bakery groceries'],
  ['🛒', 'shopping cart', 'groceries supermarket food'],
  ['🍎', 'apple', 'fruit food healthy'],
  ['🥦', 'broccoli', 'vegetables greens food'],
  ['🥩', 'meat', 'butcher steak food'],
  ['🧀', 'cheese', 'dairy food'],
  ['🥛', 'milk', 'dairy drink'],
  ['🥐', 'croissant', 'breakfast bakery'],
  ['🍕', 'pizza', 'takeaway takeout food'],
  ['🍔', 'burger', 'fast food takeaway'],
  ['🍱', 'lunch box', 'lunch bento work'],
  ['🍽️', 'eating out', 'restaurant dinner dining'],
  ['☕', 'coffee', 'cafe tea drink'],
  ['🍺', 'beer', 'pub bar drinks alcohol'],
  ['🍷', 'wine', 'drinks alcohol'],
  ['🍰', 'cake', 'dessert sweets bakery'],
  ['🍫', 'chocolate', 'sweets snacks candy'],
  ['🍦', 'ice cream', 'dessert sweets'],
  // Transport
  ['⛽', 'fuel', 'petrol gas car diesel'],
  ['🚗', 'car', 'auto driving transport'],
  ['🚕', 'taxi', 'cab ride transport'],
  ['🚌', 'bus', 'public transport commute ticket'],
  ['🚆', 'train', 'rail public transport commute'],
  ['🚇', 'metro', 'subway underground public transport'],
  ['🚲', 'bicycle', 'bike cycling transport'],
  ['🛴', 'scooter', 'kick transport'],
  ['✈️', 'flight', 'plane travel airport'],
  ['🅿️', 'parking', 'car park'],
  ['🔧', 'repairs', 'maintenance garage service car'],
  ['🚙', 'car costs', 'suv auto vehicle'],
  // Home
  ['🏠', 'home', 'house rent mortgage'],
  ['🏡', 'garden', 'house yard'],
  ['🛋️', 'furniture', 'sofa home'],
  ['🧹', 'cleaning', 'household broom'],
  ['🧺', 'laundry', 'washing household'],
  ['💡', 'electricity', 'power light energy bills'],
  ['🔥', 'heating', 'gas energy bills'],
  ['💧', 'water', 'utilities bills'],
  ['🪴', 'plants', 'garden flowers home'],
  ['🛠️', 'DIY', 'hardware tools home improvement'],
  ['🔑', 'rent', 'keys deposit housing'],
  ['📦', 'deliveries', 'parcels online orders post'],
  // Bills and money
  ['🧾', 'bills', 'receipt invoice'],
  ['💳', 'card', 'credit debit payment'],
  ['🏦', 'bank', 'fees finance'],
  ['💰', 'savings', 'money bag'],
  ['💶', 'euro', 'money cash'],
  ['💵', 'dollar', 'money cash'],
  ['💷', 'pound', 'money cash'],
  ['💸', 'fees', 'money spending charges'],
  ['📱', 'phone', 'mobile contract bills'],
  ['🌐', 'internet', 'broadband wifi bills'],
  ['📺', 'TV', 'streaming television subscriptions'],
  ['🛡️', 'insurance', 'cover protection'],
  ['🧮', 'taxes', 'tax accounting'],
  ['📉', 'debt', 'loan repayment credit'],
  // Health and care
  ['💊', 'pharmacy', 'medicine health pills drugstore'],
  ['🏥', 'hospital', 'doctor health clinic'],
  ['🩺', 'doctor', 'health checkup medical'],
  ['🦷', 'dentist', 'teeth health'],
  ['👓', 'glasses', 'optician eyes health'],
  ['🧴', 'toiletries', 'cosmetics drugstore care'],
  ['💇', 'haircut', 'hairdresser barber beauty'],
  ['💅', 'beauty', 'nails cosmetics care'],
  ['🏋️', 'gym', 'fitness sport workout'],
  ['🧘', 'wellbeing', 'yoga health relax'],
  // Kids and family
  ['👶', 'baby', 'kids children family'],
  ['🍼', 'baby food', 'bottle kids baby'],
  ['🧸', 'toys', 'kids children teddy'],
  ['🎒', 'school', 'kids children backpack'],
  ['✏️', 'stationery', 'school pencil office'],
  ['📚', 'books', 'reading school education'],
  ['🎓', 'education', 'tuition university courses'],
  ['👪', 'family', 'kids parents'],
  ['🎈', 'birthday', 'party kids celebration'],
  // Pets
  ['🐶', 'dog', 'pets puppy'],
  ['🐱', 'cat', 'pets kitten'],
  ['🐾', 'pets', 'animals vet'],
  ['🐟', 'fish', 'pets aquarium'],
  ['🦴', 'pet food', 'dog pets treats'],
  ['🐴', 'horse', 'pets riding'],
  // Fun and holidays
  ['🎬', 'cinema', 'movies films fun'],
  ['🎮', 'games', 'gaming video games fun'],
  ['🎵', 'music', 'concerts fun'],
  ['🎨', 'hobbies', 'art crafts fun'],
  ['📷', 'photos', 'camera hobby'],
  ['⚽', 'football', 'sport club'],
  ['🎾', 'tennis', 'sport club'],
  ['🏊', 'swimming', 'pool sport'],
  ['🎟️', 'tickets', 'events shows fun'],
  ['🎭', 'theatre', 'shows culture fun'],
  ['🏖️', 'holiday', 'vacation beach travel'],
  ['🏕️', 'camping', 'outdoors holiday travel'],
  ['🏨', 'hotel', 'travel holiday stay'],
  ['🎉', 'celebrations', 'party fun'],
  ['🎲', 'board games', 'games fun'],
  ['🎁', 'gifts', 'presents birthday christmas'],
  // Clothes
  ['👕', 'clothes', 'shirt fashion clothing'],
  ['👟', 'shoes', 'trainers sneakers clothing'],
  ['👗', 'fashion', 'dress clothing'],
  ['🧥', 'coat', 'jacket clothing winter'],
  ['👜', 'bags', 'accessories handbag'],
  ['💍', 'jewellery', 'jewelry ring accessories'],
  // Other
  ['🛍️', 'shopping', 'misc miscellaneous bags'],
  ['💻', 'computer', 'electronics laptop tech'],
  ['🔌', 'gadgets', 'electronics tech'],
  ['🤝', 'charity', 'donations giving'],
  ['💼', 'work', 'business office'],
  ['📮', 'post', 'mail postage letters'],
  ['🚬', 'smoking', 'cigarettes tobacco'],
  ['🌱', 'eco', 'green sustainable'],
  ['❤️', 'love', 'dating partner heart'],
  ['⭐', 'other', 'misc extras star'],
];

export const EMOJI: readonly EmojiEntry[] = RAW.map(([emoji, name, words]) => ({ emoji, name, words }));

/**
 * The entries that match every word of `query` (at the start of a word of the name or the
 * keywords), or all of them for an empty query: "car" finds the car, fuel, parking and repairs
 * (and the card: words are matched from their start); typing an emoji itself finds that emoji.
 */
export function searchEmoji(query: string, list: readonly EmojiEntry[] = EMOJI): readonly EmojiEntry[] {
  const terms = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return list;
  return list.filter((entry) => {
    const haystack = ` ${entry.name.toLowerCase()} ${entry.words.toLowerCase()}`;
    return terms.every((term) => entry.emoji === term || haystack.includes(` ${term}`));
  });
}
