import { Injectable, inject } from '@angular/core';
import { Api } from '../api/api';
import { authFinishReenrolment } from '../api/fn/auth/auth-finish-reenrolment';
import { authRegenerateRecoveryCodes } from '../api/fn/auth/auth-regenerate-recovery-codes';
import { authSession } from '../api/fn/auth/auth-session';
import { authStartReenrolment } from '../api/fn/auth/auth-start-reenrolment';
import { EnrolmentDto, SessionInfoDto } from '../api/models';
import { UserState } from './user-state';

/**
 * This user's sign-in on this device: the session ("signed in here since …"), the recovery
 * codes, and moving to a new authenticator. (Signing in and out is AuthService's.)
 */
@Injectable({ providedIn: 'root' })
export class AccountStore {
  private readonly api = inject(Api);
  private readonly state = new UserState<SessionInfoDto>();

  /** This device's session as the server last said (null until loaded). */
  readonly session = this.state.value;

  async loadSession(): Promise<SessionInfoDto> {
    return this.state.set(await this.api.invoke(authSession));
  }

  /** Ten new recovery codes; the old ones stop working. */
  async newRecoveryCodes(): Promise<string[]> {
    return (await this.api.invoke(authRegenerateRecoveryCodes)).recoveryCodes;
  }

  /** A new authenticator secret to confirm with a code from it. */
  startReenrolment(): Promise<EnrolmentDto> {
    return this.api.invoke(authStartReenrolment);
  }

  finishReenrolment(enrolmentToken: string, code: string): Promise<void> {
    return this.api.invoke(authFinishReenrolment, { body: { enrolmentToken, code } });
  }
}
