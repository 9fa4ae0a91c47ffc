import { AuthFailure } from '../auth/auth-failure.entity';
import { AuthenticatorReset } from '../auth/authenticator-reset.entity';
import { Enrolment } from '../auth/enrolment.entity';
import { LoginThrottle } from '../auth/login-throttle.entity';
import { RecoveryCode } from '../auth/recovery-code.entity';
import { RegistrationAttempt } from '../auth/registration-attempt.entity';
import { Session } from '../auth/session.entity';
import { Funnel } from '../funnels/funnel.entity';
import { FunnelLimit } from '../funnels/funnel-limit.entity';
import { Spending } from '../spendings/spending.entity';
import { Household } from '../households/household.entity';
import { HouseholdInvite } from '../households/household-invite.entity';
import { OperatorInvite } from '../households/operator-invite.entity';
import { User } from '../users/user.entity';

export const ENTITIES = [Household, HouseholdInvite, User, Session, RecoveryCode, Enrolment, AuthFailure, LoginThrottle, RegistrationAttempt, AuthenticatorReset, OperatorInvite, Funnel, FunnelLimit, Spending];
