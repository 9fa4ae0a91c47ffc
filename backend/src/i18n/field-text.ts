import type { ValidationOptions } from 'class-validator';
import { ServerText, TextKey } from './server-text';

/**
 * class-validator keeps a rule's message as a string, so a rule's server text travels in it
 * encoded (`fieldMessage`), and the validation pipe turns it back into a text about the field
 * (`fieldText`), with `{field}` set to the field's path. Nothing else reads these strings.
 */
const MARK = '\u0000text:';

type FieldParams = Readonly<Record<string, string | number>>;

/** A class-validator message (for a custom rule's `defaultMessage`) that is the text `key` about its field. */
export function fieldMessage(key: TextKey, params?: FieldParams): string {
  return MARK + JSON.stringify(params ? [key, params] : [key]);
}

/** A class-validator rule's options whose message is the text `key` about its field: `@IsBoolean(says('validation.trueOrFalse'))`. */
export function says(key: TextKey, params?: FieldParams): ValidationOptions {
  return { message: fieldMessage(key, params) };
}

/** The text a `fieldMessage` holds, about `field`; null for any other message. */
export function fieldText(message: string, field: string): ServerText | null {
  if (!message.startsWith(MARK)) return null;
  const [key, params] = JSON.parse(message.slice(MARK.length)) as [TextKey, FieldParams?];
  return new ServerText(key, { ...params, field });
}
