import { InitAuth1764000000000 } from './1764000000000-init-auth';
import { BudgetCore1764100000000 } from './1764100000000-budget-core';
import { CoveringSumsIndex1764200000000 } from './1764200000000-covering-sums-index';
import { RegistrationAttempts1764300000000 } from './1764300000000-registration-attempts';
import { OperatorTools1764400000000 } from './1764400000000-operator-tools';
import { HouseholdCountedFrom1764500000000 } from './1764500000000-household-counted-from';
import { PlannedMoney1764600000000 } from './1764600000000-planned-money';
import { Push1764700000000 } from './1764700000000-push';
import { UserLocale1764800000000 } from './1764800000000-user-locale';
import { SpendingExternalId1764900000000 } from './1764900000000-spending-external-id';

/** Every migration, oldest first. Start-up applies the pending ones. */
export const MIGRATIONS = [InitAuth1764000000000, BudgetCore1764100000000, CoveringSumsIndex1764200000000, RegistrationAttempts1764300000000, OperatorTools1764400000000, HouseholdCountedFrom1764500000000, PlannedMoney1764600000000, Push1764700000000, UserLocale1764800000000, SpendingExternalId1764900000000];
