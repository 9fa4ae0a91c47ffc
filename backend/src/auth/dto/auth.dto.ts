import { IsBoolean, IsIn, IsString, Length, Matches } from 'class-validator';
import { Locale, LOCALES } from '../../rules/locale';
import { IsCurrencyCode, IsIanaTimeZone, Optional } from '../../common/validators';
import { Trim } from '../../common/transforms';
import { ApiProperty } from '@nestjs/swagger';
import type { RegistrationMode } from '../../config/app-config';
import { RECOVERY_CODE_PATTERN } from '../recovery-codes.service';
import { says } from '../../i18n/field-text';

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/;
const SIX_DIGITS = /^\d{6}$/;
const SIGN_IN_CODE = new RegExp(`(^\\d{6}$)|(${RECOVERY_CODE_PATTERN.source})`);

export class RegisterStartDto {
  /**
   * 3 to 32 letters, digits, dots, dashes or underscores, starting with a letter or digit.
   * Case is kept for display; "Anna" and "anna" are the same account.
   * @example "anna"
   */
  @Trim()
  @IsString()
  @Matches(USERNAME_PATTERN, says('validation.username'))
  username: string;

  /** Invite code of an existing household to join instead of starting a new one. */
  @Optional()
  @Trim()
  @IsString()
  @Length(1, 64, says('validation.inviteCode'))
  inviteCode?: string;
}

export class RegistrationInfoDto {
  /**
   * The operator's REGISTRATION setting: `invite` (the first account is free, every later one
   * needs an invite code), `open` (anyone) or `closed` (no new accounts).
   */
  @ApiProperty({ enum: ['invite', 'open', 'closed'] })
  mode: RegistrationMode;
  /** True when a new account needs an invite code right now. */
  inviteRequired: boolean;
}

export class EnrolmentDto {
  /** Proves which enrolment a code belongs to; valid 15 minutes. */
  enrolmentToken: string;
  /**
   * The base32 TOTP secret, for typing into an authenticator app by hand.
   * @example "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
   */
  secret: string;
  /**
   * `otpauth://` URI for a QR code or an "Add to authenticator" link.
   * @example "otpauth://totp/STracker:anna?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=STracker"
   */
  otpauthUrl: string;
}

/** Proves an enrolment: the token that names it and one current code from the authenticator. */
export class EnrolmentProofDto {
  /** The `enrolmentToken` from the matching `…/start` call. */
  @IsString()
  @Length(16, 128, says('validation.length', { min: 16, max: 128 }))
  enrolmentToken: string;

  /**
   * The 6-digit code the authenticator app shows now, as a string.
   * @example "123456"
   */
  @IsString()
  @Matches(SIX_DIGITS, says('validation.authenticatorCode'))
  code: string;
}

export class RegisterFinishDto extends EnrolmentProofDto {
  /**
   * IANA time zone for a new household (default UTC); the PWA sends the browser's.
   * @example "Europe/Berlin"
   */
  @Optional()
  @IsIanaTimeZone()
  timezone?: string;

  /**
   * ISO 4217 currency for a new household (default EUR); the PWA sends the browser locale's.
   * @example "EUR"
   */
  @Optional()
  @IsCurrencyCode()
  currency?: string;

  /**
   * Whether the new user starts with the personal funnels Food 🍞 and Misc 🛍️ (default true).
   * Someone joining a household that already has its shared funnels may not want them.
   */
  @Optional()
  @IsBoolean(says('validation.trueOrFalse'))
  starterFunnels?: boolean;

  /**
   * The language of the app on the registering device (en, de, ru, he): stored on the user (as
   * PATCH /api/me does), and the names of a new household and the starter funnels are in it.
   * @example "de"
   */
  @Optional()
  @IsIn(LOCALES, says('validation.oneOf', { values: LOCALES.join(', ') }))
  locale?: Locale;
}

export class ResetStartDto {
  /** The token from the operator's reset link (`/reset?token=…`). */
  @IsString()
  @Length(16, 128, says('validation.resetToken'))
  resetToken: string;
}

export class TokenPairDto {
  /** JWT for `Authorization: Bearer`, valid 30 minutes. */
  accessToken: string;
  /** Only for `POST /api/auth/refresh`; valid 7 days and single use. */
  refreshToken: string;
  /** When the access token expires (ISO 8601). */
  accessExpiresAt: Date;
  /** When the refresh token expires (ISO 8601); each refresh starts a new 7 days. */
  refreshExpiresAt: Date;
  /** True after signing in with a recovery code: the app should lead the user through re-enrolment. */
  mustReenrol?: boolean;
}

export class RegisteredDto extends TokenPairDto {
  /** Ten single-use recovery codes. Shown once: the server keeps only hashes. */
  recoveryCodes: string[];
}

export class LoginDto {
  /**
   * The username (any case).
   * @example "anna"
   */
  @Trim()
  @IsString()
  @Length(1, 64, says('validation.length', { min: 1, max: 64 }))
  username: string;

  /**
   * The 6-digit authenticator code (a string), or one of the recovery codes.
   * @example "123456"
   */
  @IsString()
  @Matches(SIGN_IN_CODE, says('validation.signInCode'))
  code: string;
}

export class RefreshDto {
  /** The refresh token of the last pair; it is retired by this call. */
  @IsString()
  @Length(1, 2048, says('validation.length', { min: 1, max: 2048 }))
  refreshToken: string;
}

/** Proves the new authenticator of a re-enrolment (`POST /api/auth/totp/start`). */
export class TotpFinishDto extends EnrolmentProofDto {}

export class RecoveryCodesDto {
  /** Ten new single-use codes; every earlier code stops working. */
  recoveryCodes: string[];
}

export class SessionInfoDto {
  /** When this device signed in. */
  startedAt: Date;
  /** Last time this device used the API (to the minute). */
  lastSeenAt: Date;
  /** The browser that signed in, as it described itself. */
  userAgent: string | null;
}
