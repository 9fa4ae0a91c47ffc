import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { Database } from '../database/database.service';
import { MeDto } from './dto/me.dto';
import { User } from './user.entity';

export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly clock: Clock,
    private readonly db: Database,
  ) {}

  async profile(userId: string): Promise<MeDto> {
    const user = await this.findWithHousehold(userId);
    if (!user?.household) throw new NotFoundException('User not found');
    const { id, name, periodStartDay, timezone, currency } = user.household;
    return { id: user.id, username: user.username, household: { id, name, periodStartDay, timezone, currency } };
  }

  /** The user with their household, in one query. */
  findWithHousehold(id: string): Promise<User | null> {
    return this.users.findOne({ where: { id }, relations: { household: true } });
  }

  /** Every account with its household, by username (for the operator). */
  listAll(): Promise<User[]> {
    return this.users.find({ relations: { household: true }, order: { usernameKey: 'ASC' } });
  }

  /** Members of a household, in the order they joined. */
  membersOf(householdId: string, manager?: EntityManager): Promise<User[]> {
    const repository = manager ? manager.getRepository(User) : this.users;
    return repository.find({ where: { householdId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async moveToHousehold(manager: EntityManager, userId: string, householdId: string): Promise<void> {
    await manager.update(User, { id: userId }, { householdId });
    this.db.announce({ householdId, userIds: [userId], kind: 'members' });
  }

  findByUsername(username: string): Promise<User | null> {
    return this.users.findOneBy({ usernameKey: usernameKey(username) });
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** Whether any account exists on this server. */
  any(manager?: EntityManager): Promise<boolean> {
    const repository = manager ? manager.getRepository(User) : this.users;
    return repository.exists();
  }

  async isTaken(username: string, manager?: EntityManager): Promise<boolean> {
    const repository = manager ? manager.getRepository(User) : this.users;
    return repository.existsBy({ usernameKey: usernameKey(username) });
  }

  async create(
    manager: EntityManager,
    init: { id?: string; username: string; householdId: string; totpSecretSealed: string; lastTotpStep: number },
  ): Promise<User> {
    const user: User = {
      id: init.id ?? randomUUID(),
      username: init.username.trim(),
      usernameKey: usernameKey(init.username),
      householdId: init.householdId,
      totpSecretSealed: init.totpSecretSealed,
      lastTotpStep: init.lastTotpStep,
      createdAt: this.clock.now(),
    };
    await manager.insert(User, user);
    return user;
  }

  /**
   * Records `step` as the last TOTP step used, only if it is newer than the stored one.
   * One conditional UPDATE: of two requests with the same code, only one succeeds.
   */
  async acceptTotpStep(userId: string, step: number): Promise<boolean> {
    const result = await this.users
      .createQueryBuilder()
      .update(User)
      .set({ lastTotpStep: step })
      .where('id = :userId AND (last_totp_step IS NULL OR last_totp_step < :step)', { userId, step })
      .execute();
    return result.affected === 1;
  }

  async replaceTotpSecret(manager: EntityManager, userId: string, totpSecretSealed: string, lastTotpStep: number): Promise<void> {
    await manager.update(User, { id: userId }, { totpSecretSealed, lastTotpStep });
  }
}
