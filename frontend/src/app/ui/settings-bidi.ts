/**
 * A name people typed (a funnel, a fixed cost, a member), kept whole inside a right-to-left
 * sentence: first-strong isolate … pop directional isolate, the text form of `<bdi>`, so "Rent 2"
 * or "Food (kids)" next to Hebrew words and punctuation reads as typed. Left-to-right pages get
 * the name as it is (their sentences and the tests that read them stay plain).
 */
export function isolate(name: string, dir: 'ltr' | 'rtl'): string {
  return dir === 'rtl' ? `\u2068${name}\u2069` : name;
}
