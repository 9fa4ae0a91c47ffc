import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsISO4217CurrencyCode, IsTimeZone, ValidateIf, ValidationOptions, registerDecorator } from 'class-validator';
import { fieldMessage, says } from '../i18n/field-text';
import { hasAtMostTwoDecimals, MAX_MAJOR_AMOUNT } from '../rules/money';

/**
 * A field that may be left out. Unlike class-validator's `@IsOptional()`, `null` is not
 * "left out": it is checked like any other value and refused, so a `null` never reaches a
 * NOT NULL column as a 500 (or silently clears a value).
 */
export function Optional(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isNotNull',
        target: target.constructor,
        propertyName: propertyName as string,
        validator: {
          validate: (value: unknown) => value !== null,
          defaultMessage: () => fieldMessage('validation.notNull'),
        },
      }),
  );
}

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
          if (typeof value === 'string') return fieldMessage('validation.moneyIsText');
          if (typeof value !== 'number' || !Number.isFinite(value)) return fieldMessage('validation.moneyNotNumber', { got: describe(value) });
          if (options.allowZero ? value < 0 : value <= 0) return fieldMessage(options.allowZero ? 'validation.moneyZeroOrMore' : 'validation.moneyMoreThanZero');
          if (value > MAX_MAJOR_AMOUNT) return fieldMessage('validation.moneyAtMost', { max: MAX_MAJOR_AMOUNT });
          return fieldMessage('validation.moneyDecimals');
        },
      },
    });
}

/** What a value that is not a number is, as the message names it (a string has a message of its own). */
function describe(value: unknown): string {
  if (value === null) return 'null';
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
        defaultMessage: () => fieldMessage('validation.emoji'),
      },
    });
}

const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
const LATEST_INSTANT = Date.UTC(2100, 0, 1);
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** True when the calendar has this day: 2026-02-30 and 2026-13-01 do not exist. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return month >= 1 && month <= 12 && day >= 1 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * An ISO 8601 date-time with a time zone (Z or ±hh:mm), between 2000 and 2100, naming a day
 * and a time that exist (`Date.parse` would roll 2026-02-30 over into March).
 */
export function isInstant(value: unknown): value is string {
  const parts = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  if (!parts) return false;
  const [year, month, day, hour, minute, second = 0, offsetHours = 0, offsetMinutes = 0] = parts.slice(1).map((p) => (p === undefined ? undefined : Number(p)));
  if (!isCalendarDate(year!, month!, day!) || hour! > 23 || minute! > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) return false;
  const ms = Date.parse(value as string);
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
        defaultMessage: () => fieldMessage('validation.instant'),
      },
    });
}

/** The canonical spelling of a time zone the runtime knows ("europe/berlin" → "Europe/Berlin"). */
export function canonicalTimeZone(value: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return value; // unknown: the validator refuses it
  }
}

/** An IANA time zone such as Europe/Berlin, stored in its canonical spelling. */
export const IsIanaTimeZone = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? canonicalTimeZone(value.trim()) : value)),
    IsTimeZone(says('validation.timeZone')),
  );

/** An ISO 4217 currency code such as EUR, stored in upper case ("eur" is EUR). */
export const IsCurrencyCode = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)),
    IsISO4217CurrencyCode(says('validation.currency')),
  );

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` that exists, between 2000 and 2099 (2026-02-30 does not exist). */
export function isLocalDate(value: unknown): value is string {
  const parts = typeof value === 'string' ? LOCAL_DATE.exec(value) : null;
  if (!parts) return false;
  const [year, month, day] = parts.slice(1).map(Number);
  return year >= 2000 && year < 2100 && isCalendarDate(year, month, day);
}

export function IsLocalDate(validationOptions?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: validationOptions,
      validator: {
        validate: isLocalDate,
        defaultMessage: () => fieldMessage('validation.localDate'),
      },
    });
}
