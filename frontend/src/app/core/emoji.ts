const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/** Exactly one emoji (one grapheme cluster), as the API requires. */
export function isSingleEmoji(value: string): boolean {
  const text = value.trim();
  return text.length > 0 && text.length <= 32 && [...segmenter.segment(text)].length === 1 && PICTOGRAPHIC.test(text);
}
