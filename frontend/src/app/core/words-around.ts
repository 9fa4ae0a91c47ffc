import type { MessageKey } from '../i18n/en';
import { translate } from './i18n';

/**
 * The words of `key` before and after its `{amount}`, for a figure drawn on its own (its own
 * element and style) inside a translated sentence: the language decides which side words go.
 */
export function wordsAround(key: MessageKey): [string, string] {
  const [before, after = ''] = translate(key, { amount: '\uE000' }).split('\uE000');
  return [before, after];
}
