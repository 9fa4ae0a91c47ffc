import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import { Database } from '../database/database.service';
import { Household } from './household.entity';
import { HouseholdInvite } from './household-invite.entity';
import { OperatorInvite } from './operator-invite.entity';

/** Every query about households and invites. Inside `Database.transaction()` each call is part of it. */
@Injectable()
export class HouseholdsRepository {
  constructor(private readonly db: Database) {}

  byId(id: string): Promise<Household | null> {
    return this.db.manager.findOneBy(Household, { id });
  }

  async insert(household: Household): Promise<void> {
    await this.db.manager.insert(Household, household);
  }

  async update(id: string, changes: Partial<Omit<Household, 'id' | 'createdAt'>>): Promise<void> {
    await this.db.manager.update(Household, { id }, changes);
  }

  /** Removes a household (left empty) with its invites. */
  async delete(id: string): Promise<void> {
    await this.db.manager.delete(HouseholdInvite, { householdId: id });
    await this.db.manager.delete(Household, { id });
  }

  async insertInvite(invite: HouseholdInvite): Promise<void> {
    await this.db.manager.insert(HouseholdInvite, invite);
  }

  async insertOperatorInvite(invite: OperatorInvite): Promise<void> {
    await this.db.manager.insert(OperatorInvite, invite);
  }

  /** A member's invite with this code hash that is neither used nor expired at `now`. */
  usableInvite(codeHash: string, now: Date): Promise<HouseholdInvite | null> {
    return this.db.manager.findOneBy(HouseholdInvite, { codeHash, usedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  /** The operator's invite with this code hash that is neither used nor expired at `now`. */
  usableOperatorInvite(codeHash: string, now: Date): Promise<OperatorInvite | null> {
    return this.db.manager.findOneBy(OperatorInvite, { codeHash, usedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  /** Marks a usable member's invite used by `userId` and gives its household id; null when there was none (atomic: it works once). */
  async redeemInvite(codeHash: string, userId: string, now: Date): Promise<string | null> {
    const result = await this.db.manager.update(HouseholdInvite, { codeHash, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now, usedBy: userId });
    if (result.affected !== 1) return null;
    return (await this.db.manager.findOneByOrFail(HouseholdInvite, { codeHash })).householdId;
  }

  /** Marks a usable operator's invite used by `userId`; whether there was one (atomic: it works once). */
  async redeemOperatorInvite(codeHash: string, userId: string, now: Date): Promise<boolean> {
    const result = await this.db.manager.update(OperatorInvite, { codeHash, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now, usedBy: userId });
    return result.affected === 1;
  }
}
