import { BadGatewayException, BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import { EndpointRefused } from './endpoint-guard';
import { PushPrefsDto, PushSubscriptionDto, PutPushSubscriptionDto, VapidKeyDto } from './dto/push.dto';
import { PushNotifier } from './push-notifier.service';
import { PushSender } from './push-sender';
import { PushSubscription } from './push-subscription.entity';
import { PushRepository } from './push.repository';
import { text } from '../i18n/server-text';

/** This device's push subscription: one per session, stored, shown, removed and tried out. */
@Injectable()
export class PushService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly push: PushRepository,
    private readonly sender: PushSender,
    private readonly notifier: PushNotifier,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  key(): VapidKeyDto {
    return { publicKey: this.config.push.vapidPublicKey };
  }

  /**
   * Stores the subscription of the caller's session (replacing the one it had). The endpoint
   * must pass the SSRF guard: https, on a public address (names are resolved, every address
   * checked).
   */
  async put(user: AuthUser, dto: PutPushSubscriptionDto): Promise<PushSubscriptionDto> {
    try {
      await this.sender.guard.check(dto.endpoint);
    } catch (error) {
      if (error instanceof EndpointRefused) throw new BadRequestException([error.text]);
      throw error;
    }
    const now = this.clock.now();
    const stored = await this.db.transaction(async () => {
      const existing = await this.push.bySession(user.sessionId);
      const subscription: PushSubscription = {
        sessionId: user.sessionId,
        userId: user.id,
        endpoint: dto.endpoint,
        p256dh: dto.keys.p256dh.replace(/=+$/, ''),
        auth: dto.keys.auth.replace(/=+$/, ''),
        nearLimit: dto.prefs.nearLimit,
        memberSpent: dto.prefs.memberSpent,
        fixedCostDue: dto.prefs.fixedCostDue,
        dailyReminder: dto.prefs.dailyReminder,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      await this.push.save(subscription, now);
      return subscription;
    });
    return toDto(stored);
  }

  async get(user: AuthUser): Promise<PushSubscriptionDto> {
    const subscription = await this.push.bySession(user.sessionId);
    if (!subscription) throw noSubscription();
    return toDto(subscription);
  }

  /** Removes this device's subscription (nothing to remove is fine too). */
  async remove(user: AuthUser): Promise<void> {
    await this.push.deleteBySession(user.sessionId);
  }

  /** Sends a test notification to this device, and says whether the push service took it. */
  async test(user: AuthUser): Promise<void> {
    const subscription = await this.push.liveOfSession(user.sessionId, this.clock.now());
    if (!subscription) throw noSubscription();
    const outcome = await this.notifier.deliver(subscription, this.notifier.message(subscription, 'test', {}, { url: '/settings', tag: 'test', ttlSeconds: 300, urgency: 'high' }));
    if (outcome === 'gone') throw new NotFoundException(text('push.gone'));
    if (outcome === 'refused') throw new BadGatewayException(text('push.refused'));
    if (outcome === 'failed') throw new BadGatewayException(text('push.failed'));
  }
}

function noSubscription(): NotFoundException {
  return new NotFoundException(text('push.noSubscription'));
}

function toDto(s: PushSubscription): PushSubscriptionDto {
  const prefs: PushPrefsDto = { nearLimit: s.nearLimit, memberSpent: s.memberSpent, fixedCostDue: s.fixedCostDue, dailyReminder: s.dailyReminder };
  return { endpoint: s.endpoint, prefs, createdAt: s.createdAt, updatedAt: s.updatedAt };
}
