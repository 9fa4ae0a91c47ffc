import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { Database } from '../database/database.service';
import { Enrolment, EnrolmentPurpose } from './enrolment.entity';

/** Every query about TOTP secrets waiting for their first code. */
@Injectable()
export class EnrolmentsRepository {
  constructor(private readonly db: Database) {}

  byTokenHash(tokenHash: string, purpose: EnrolmentPurpose): Promise<Enrolment | null> {
    return this.db.manager.findOneBy(Enrolment, { tokenHash, purpose });
  }

  async insert(enrolment: Enrolment): Promise<void> {
    await this.db.manager.insert(Enrolment, enrolment);
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.db.manager.delete(Enrolment, { expiresAt: LessThan(now) });
  }

  async delete(id: string): Promise<void> {
    await this.db.manager.delete(Enrolment, { id });
  }

  async deleteOfUser(userId: string): Promise<void> {
    await this.db.manager.delete(Enrolment, { userId });
  }

  async countFailure(id: string): Promise<void> {
    await this.db.manager.increment(Enrolment, { id }, 'failedAttempts', 1);
  }
}
