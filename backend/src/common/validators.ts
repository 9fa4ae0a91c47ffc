import { IsISO4217CurrencyCode, IsTimeZone, ValidationOptions, registerDecorator } from 'class-validator';
import { hasAtMostTwoDecimals, MAX_MAJOR_AMOUNT } from './money';

/**
 * An amount of money in major units: a JSON number with at most two decimals, within
 * [min, MAX_MAJOR_AMOUNT]; `min` is exclusive for spendings (an amount of 0 means nothing).
 */
export function IsMoney(options: { allowZero: boolean }, validationOptions?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMoney',
      target: target.constructor,
      propertyName: propertyName as string,
      options: validationOptions,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' &&
          Number.isFinite(value) &&
          (options.allowZero ? value >= 0 : value > 0) &&
          value <= MAX_MAJOR_AMOUNT &&
          hasAtMostTwoDecimals(value),
        defaultMessage: (args) => {
          const value: unknown = args?.value;
          const field = args?.property ?? 'amount';
          if (typeof value !== 'number' || !Number.isFinite(value)) return `${field} must be a number (like 12.5), not ${describe(value)}`;
          if (options.allowZero ? value < 0 : value <= 0) return `${field} must be ${options.allowZero ? 'zero or more' : 'more than 0'}`;
          if (value > MAX_MAJOR_AMOUNT) return `${field} must be at most ${MAX_MAJOR_AMOUNT}`;
          return `${field} must have at most 2 decimal places`;
        },
      },
    });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return String(value);
  return typeof value;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/** Exactly one grapheme cluster that is an emoji (👨‍👩‍👧‍👦 and 🇩🇪 count as one). */
export function isSingleEmoji(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 32) return false;
  const graphemes = [...segmenter.segment(value)];
  return graphemes.length === 1 && PICTOGRAPHIC.test(value);
}

export function IsSingleEmoji(validationOptions?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSingleEmoji',
      target: target.constructor,
      propertyName: propertyName as string,
      options: validationOptions,
      validator: {
        validate: isSingleEmoji,
        defaultMessage: (args) => `${args?.property ?? 'emoji'} must be exactly one emoji, such as 🍞`,
      },
    });
}

const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
const LATEST_INSTANT = Date.UTC(2100, 0, 1);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time with a time zone (Z or ±hh:mm), between 2000 and 2100. */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return false;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms >= EARLIEST_INSTANT && ms < LATEST_INSTANT;
}

export function IsInstant(validationOptions?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: validationOptions,
      validator: {
        validate: isInstant,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO 8601 date-time with a time zone between 2000 and 2100, such as 2026-03-10T12:30:00Z`,
      },
    });
}

/** An IANA time zone such as Europe/Berlin. */
export const IsIanaTimeZone = () => IsTimeZone({ message: 'timezone must be an IANA time zone such as Europe/Berlin' });

/** An ISO 4217 currency code such as EUR. */
export const IsCurrencyCode = () => IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as EUR' });
