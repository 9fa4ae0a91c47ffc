import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Database } from '../database/database.service';
import { Locale } from '../rules/locale';
import { User } from './user.entity';
import { UserWithHousehold, UsersRepository } from './users.repository';

export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly clock: Clock,
    private readonly db: Database,
  ) {}

  /** The user with their household's name and settings, in one query. */
  withHousehold(id: string): Promise<UserWithHousehold | null> {
    return this.users.withHousehold(id);
  }

  /** Every account with its household, by username (for the operator). */
  listAll(): Promise<UserWithHousehold[]> {
    return this.users.allWithHousehold();
  }

  /** Members of a household, in the order they joined. */
  membersOf(householdId: string): Promise<User[]> {
    return this.users.membersOf(householdId);
  }

  /** Moves the user to another household (inside the move's transaction); both households are told. */
  async moveToHousehold(userId: string, householdId: string): Promise<void> {
    await this.users.setHousehold(userId, householdId);
    this.db.announce({ householdId, userIds: [userId], kind: 'members' });
  }

  findByUsername(username: string): Promise<User | null> {
    return this.users.byUsernameKey(usernameKey(username));
  }

  findById(id: string): Promise<User | null> {
    return this.users.byId(id);
  }

  /** Whether any account exists on this server. */
  any(): Promise<boolean> {
    return this.users.any();
  }

  isTaken(username: string): Promise<boolean> {
    return this.users.usernameKeyTaken(usernameKey(username));
  }

  async create(init: { id?: string; username: string; householdId: string; totpSecretSealed: string; lastTotpStep: number; locale?: string | null }): Promise<User> {
    const user: User = {
      id: init.id ?? randomUUID(),
      username: init.username.trim(),
      usernameKey: usernameKey(init.username),
      householdId: init.householdId,
      totpSecretSealed: init.totpSecretSealed,
      lastTotpStep: init.lastTotpStep,
      createdAt: this.clock.now(),
      locale: init.locale ?? null,
    };
    await this.users.insert(user);
    return user;
  }

  /**
   * Records `step` as the last TOTP step used, only if it is newer than the stored one.
   * One conditional UPDATE: of two requests with the same code, only one succeeds.
   */
  acceptTotpStep(userId: string, step: number): Promise<boolean> {
    return this.users.advanceTotpStep(userId, step);
  }

  /** The language the server writes to the user in (notifications). */
  async setLocale(userId: string, locale: Locale): Promise<void> {
    await this.users.setLocale(userId, locale);
    this.db.announce({ householdId: null, userIds: [userId], kind: 'push' });
  }

  replaceTotpSecret(userId: string, totpSecretSealed: string, lastTotpStep: number): Promise<void> {
    return this.users.setTotpSecret(userId, totpSecretSealed, lastTotpStep);
  }
}
