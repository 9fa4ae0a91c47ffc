import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { HouseholdSettings } from '../rules/household-settings';
import { User } from './user.entity';

/** A user with the name and budget settings of their household. */
export interface UserWithHousehold {
  readonly user: User;
  readonly household: HouseholdSettings & { readonly id: string; readonly name: string };
}

/** Every query about accounts. Inside `Database.transaction()` each call is part of it. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  byId(id: string): Promise<User | null> {
    return this.db.manager.findOneBy(User, { id });
  }

  byUsernameKey(usernameKey: string): Promise<User | null> {
    return this.db.manager.findOneBy(User, { usernameKey });
  }

  /** The user and their household, in one query (what every signed-in request starts from). */
  async withHousehold(id: string): Promise<UserWithHousehold | null> {
    const [row] = await this.db.query<UserHouseholdRow>(`${USER_WITH_HOUSEHOLD} WHERE u.id = ?`, [id]);
    return row ? fromRow(row) : null;
  }

  /** Every account with its household, by username (for the operator). */
  async allWithHousehold(): Promise<UserWithHousehold[]> {
    return (await this.db.query<UserHouseholdRow>(`${USER_WITH_HOUSEHOLD} ORDER BY u.username_key ASC`, [])).map(fromRow);
  }

  /** Members of a household, in the order they joined. */
  membersOf(householdId: string): Promise<User[]> {
    return this.db.manager.find(User, { where: { householdId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Whether any account exists on this server. */
  any(): Promise<boolean> {
    return this.db.manager.exists(User);
  }

  usernameKeyTaken(usernameKey: string): Promise<boolean> {
    return this.db.manager.existsBy(User, { usernameKey });
  }

  async insert(user: User): Promise<void> {
    await this.db.manager.insert(User, user);
  }

  async setHousehold(userId: string, householdId: string): Promise<void> {
    await this.db.manager.update(User, { id: userId }, { householdId });
  }

  /** Records `step` as the user's last TOTP step if it is newer than the stored one; whether it was (one conditional UPDATE). */
  async advanceTotpStep(userId: string, step: number): Promise<boolean> {
    return (await this.db.execute('UPDATE users SET last_totp_step = ? WHERE id = ? AND (last_totp_step IS NULL OR last_totp_step < ?)', [step, userId, step])) === 1;
  }

  async setLocale(userId: string, locale: string): Promise<void> {
    await this.db.manager.update(User, { id: userId }, { locale });
  }

  async setTotpSecret(userId: string, totpSecretSealed: string, lastTotpStep: number): Promise<void> {
    await this.db.manager.update(User, { id: userId }, { totpSecretSealed, lastTotpStep });
  }
}

const USER_WITH_HOUSEHOLD = `SELECT u.id, u.username, u.username_key AS "usernameKey", u.household_id AS "householdId",
    u.totp_secret_sealed AS "totpSecretSealed", u.last_totp_step AS "lastTotpStep", u.created_at AS "createdAt", u.locale,
    h.name AS "householdName", h.period_start_day AS "periodStartDay", h.timezone, h.currency, h.counted_from AS "countedFrom"
  FROM users u INNER JOIN households h ON h.id = u.household_id`;

interface UserHouseholdRow {
  id: string;
  username: string;
  usernameKey: string;
  householdId: string;
  totpSecretSealed: string;
  lastTotpStep: number | string | null;
  createdAt: number | string;
  locale: string | null;
  householdName: string;
  periodStartDay: number | string;
  timezone: string;
  currency: string;
  countedFrom: number | string | null;
}

function fromRow(row: UserHouseholdRow): UserWithHousehold {
  return {
    user: {
      id: row.id,
      username: row.username,
      usernameKey: row.usernameKey,
      householdId: row.householdId,
      totpSecretSealed: row.totpSecretSealed,
      lastTotpStep: row.lastTotpStep === null ? null : Number(row.lastTotpStep),
      createdAt: new Date(Number(row.createdAt)),
      locale: row.locale,
    },
    household: {
      id: row.householdId,
      name: row.householdName,
      periodStartDay: Number(row.periodStartDay),
      timezone: row.timezone,
      currency: row.currency,
      countedFrom: row.countedFrom === null ? null : new Date(Number(row.countedFrom)),
    },
  };
}
