import { createPublicKey } from 'node:crypto';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsString, Matches, MaxLength, registerDecorator, ValidateIf, ValidateNested, ValidationOptions } from 'class-validator';
import { fieldMessage, says } from '../../i18n/field-text';

/** Longest endpoint accepted; real ones (FCM, Mozilla, Apple, WNS) are a few hundred characters. */
export const MAX_ENDPOINT_LENGTH = 2048;
const REMINDER_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** base64url as browsers give it (`PushSubscription.toJSON()`), padding tolerated; null when it is not. */
export function decodeBase64url(value: unknown, maxLength: number): Buffer | null {
  if (typeof value !== 'string' || value.length > maxLength || !/^[A-Za-z0-9_-]+={0,2}$/.test(value)) return null;
  return Buffer.from(value.replace(/=+$/, ''), 'base64url');
}

/** An uncompressed point on P-256 (65 bytes, 0x04 first), as browsers send `p256dh`. */
export function isP256Point(value: unknown): boolean {
  const point = decodeBase64url(value, 100);
  if (!point || point.length !== 65 || point[0] !== 4) return false;
  try {
    const coordinate = (from: number) => point.subarray(from, from + 32).toString('base64url');
    createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: coordinate(1), y: coordinate(33) }, format: 'jwk' });
    return true;
  } catch {
    return false; // 65 bytes, but not on the curve
  }
}

function IsP256Point(validationOptions?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isP256Point',
      target: target.constructor,
      propertyName: propertyName as string,
      options: validationOptions,
      validator: {
        validate: isP256Point,
        defaultMessage: () => fieldMessage('validation.p256dh'),
      },
    });
}

function IsAuthSecret(validationOptions?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAuthSecret',
      target: target.constructor,
      propertyName: propertyName as string,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => decodeBase64url(value, 32)?.length === 16,
        defaultMessage: () => fieldMessage('validation.authSecret'),
      },
    });
}

/** The keys of a browser's push subscription (RFC 8291), as `PushSubscription.toJSON().keys` gives them. */
export class PushKeysDto {
  /**
   * The browser's P-256 ECDH public key: 65 bytes, base64url.
   * @example "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
   */
  @IsP256Point()
  p256dh: string;

  /**
   * The browser's authentication secret: 16 bytes, base64url.
   * @example "tBHItJI5svbpez7KI4CCXg"
   */
  @IsAuthSecret()
  auth: string;
}

/** Which notifications this device wants. */
export class PushPrefsDto {
  /** A funnel the user sees passes 80 % and then 100 % of what it has this period (once each per period). */
  @IsBoolean(says('validation.trueOrFalse'))
  nearLimit: boolean;

  /** Another member spent from a shared funnel. */
  @IsBoolean(says('validation.trueOrFalse'))
  memberSpent: boolean;

  /** The day before a fixed cost is posted. */
  @IsBoolean(says('validation.trueOrFalse'))
  fixedCostDue: boolean;

  /**
   * A reminder at this time of day (`HH:MM`, 24 h, household time zone) on days the user has
   * recorded nothing yet; null for none.
   * @example "20:30"
   */
  @ValidateIf((_object, value) => value !== null)
  @IsString(says('validation.reminderTime'))
  @Matches(REMINDER_TIME, says('validation.reminderTime'))
  dailyReminder: string | null;
}

/** `PushSubscription.toJSON()` of the browser, with this device's preferences. */
export class PutPushSubscriptionDto {
  /**
   * The push service URL the browser gave: `https:` on a public host (loopback, private and
   * link-local addresses are refused unless the server allows them), at most 2048 characters.
   * @example "https://fcm.googleapis.com/fcm/send/dXk4…"
   */
  @IsString(says('validation.endpoint'))
  @MaxLength(MAX_ENDPOINT_LENGTH, says('validation.maxLength', { max: MAX_ENDPOINT_LENGTH }))
  endpoint: string;

  @IsObject(says('validation.pushKeys'))
  @ValidateNested()
  @Type(() => PushKeysDto)
  keys: PushKeysDto;

  @IsObject(says('validation.pushPrefs'))
  @ValidateNested()
  @Type(() => PushPrefsDto)
  prefs: PushPrefsDto;
}

/** This device's subscription as stored (its keys are not given back). */
export class PushSubscriptionDto {
  /** The push service URL it was stored with: if the browser's differs, subscribe again. */
  endpoint: string;
  prefs: PushPrefsDto;
  /** When it was first stored for this session. */
  createdAt: Date;
  /** When it was last stored. */
  updatedAt: Date;
}

export class VapidKeyDto {
  /**
   * The server's VAPID public key (base64url, 65 bytes): pass it as `applicationServerKey` to
   * `PushManager.subscribe()`.
   */
  publicKey: string;
}
