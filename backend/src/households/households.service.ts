import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { sha256 } from '../common/crypto';
import { Household } from './household.entity';
import { HouseholdInvite } from './household-invite.entity';

export const DEFAULT_TIMEZONE = 'UTC';
export const DEFAULT_CURRENCY = 'EUR';

export interface NewHousehold {
  name: string;
  timezone?: string;
  currency?: string;
}

@Injectable()
export class HouseholdsService {
  constructor(
    @InjectRepository(Household) private readonly households: Repository<Household>,
    @InjectRepository(HouseholdInvite) private readonly invites: Repository<HouseholdInvite>,
    private readonly clock: Clock,
  ) {}

  async create(manager: EntityManager, init: NewHousehold): Promise<Household> {
    const household: Household = {
      id: randomUUID(),
      name: init.name.slice(0, 60),
      periodStartDay: 1,
      timezone: init.timezone ?? DEFAULT_TIMEZONE,
      currency: init.currency ?? DEFAULT_CURRENCY,
      createdAt: this.clock.now(),
    };
    await manager.insert(Household, household);
    return household;
  }

  async findById(id: string): Promise<Household> {
    const household = await this.households.findOneBy({ id });
    if (!household) throw new NotFoundException('Household not found');
    return household;
  }

  /** 404 unless `code` is an unused, unexpired invite. */
  async assertInviteUsable(code: string): Promise<void> {
    const invite = await this.invites.findOneBy({
      codeHash: sha256(code),
      usedAt: IsNull(),
      expiresAt: MoreThan(this.clock.now()),
    });
    if (!invite) throw inviteNotFound();
  }

  /** Marks the invite used (atomically: it works once) and returns its household id. */
  async redeemInvite(manager: EntityManager, code: string, userId: string): Promise<string> {
    const now = this.clock.now();
    const codeHash = sha256(code);
    const result = await manager.update(
      HouseholdInvite,
      { codeHash, usedAt: IsNull(), expiresAt: MoreThan(now) },
      { usedAt: now, usedBy: userId },
    );
    if (result.affected !== 1) throw inviteNotFound();
    const invite = await manager.findOneByOrFail(HouseholdInvite, { codeHash });
    return invite.householdId;
  }
}

function inviteNotFound(): NotFoundException {
  return new NotFoundException('inviteCode is unknown, already used or expired; ask for a new invite link');
}
