import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type * as WebPush from 'web-push';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EndpointGuard, EndpointRefused } from './endpoint-guard';
import { NotificationKind, NotificationText } from './push-texts';

/** Where a push goes: a browser's subscription (RFC 8030 endpoint, RFC 8291 keys). */
export interface PushTarget {
  readonly endpoint: string;
  readonly p256dh: string;
  readonly auth: string;
}

/** What a notification says and where a tap leads (a path of the PWA). */
export interface PushMessage {
  readonly kind: NotificationKind;
  readonly text: NotificationText;
  /** The PWA's page a tap opens: `/` (dashboard), `/settings`, `/history`. */
  readonly url: string;
  /** Notifications with the same tag replace each other on the device. */
  readonly tag: string;
  /** How long the push service keeps it for a device that is offline, in seconds. */
  readonly ttlSeconds: number;
  readonly urgency: 'very-low' | 'low' | 'normal' | 'high';
}

/**
 * `sent`: the push service took it; `gone`: it answered 404 or 410, the subscription is dead;
 * `refused`: the endpoint is not allowed (SSRF guard); `failed`: anything else (logged).
 */
export type PushOutcome = 'sent' | 'gone' | 'refused' | 'failed';

/** The push service must answer within this; then the socket is dropped. */
const SOCKET_TIMEOUT_MS = 10_000;
/** A send is given up after this, whatever the socket is doing (a push service dripping bytes). */
const SEND_DEADLINE_MS = 15_000;
/** Sends in flight at once; more wait their turn. */
const CONCURRENT_SENDS = 8;
/** Sends waiting for a turn; beyond this new ones are dropped (and logged), so memory stays bounded. */
const MAX_WAITING = 1_000;
/** The icon the PWA installs with (frontend/public/icons). */
const ICON = '/icons/icon-192.png';

/**
 * Sends Web Push messages with web-push: the payload encrypted for the subscription's keys
 * (RFC 8291, aes128gcm), the request signed with the server's VAPID key (RFC 8292), with a TTL
 * and an urgency (RFC 8030). The endpoint is checked by the SSRF guard before every send and
 * the connection is made through its guarded lookup. A send never throws: it answers with its
 * outcome, and failures are logged with the push service's origin only (the endpoint's path is
 * the subscription's secret).
 */
@Injectable()
export class PushSender implements OnModuleDestroy {
  private readonly logger = new Logger(PushSender.name);
  readonly guard: EndpointGuard;
  private readonly vapidDetails: WebPush.VapidKeys & { subject: string };
  /** The library with its dependencies, loaded with the first notification: a server that sends none never holds it. */
  private library: Promise<typeof WebPush> | null = null;
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.guard = new EndpointGuard(config.push.allowPrivateEndpoints);
    this.vapidDetails = { subject: config.push.vapidSubject, publicKey: config.push.vapidPublicKey, privateKey: config.push.vapidPrivateKey };
  }

  onModuleDestroy(): void {
    this.guard.agent?.destroy();
  }

  /**
   * The payload the Angular service worker (ngsw) shows by itself: `notification` with its
   * title, body, icon and tag, and `data.onActionClick` so a tap focuses the app (or opens it)
   * on `url`.
   */
  static payload(message: PushMessage): string {
    return JSON.stringify({
      notification: {
        title: message.text.title,
        body: message.text.body,
        icon: ICON,
        tag: message.tag,
        data: {
          kind: message.kind,
          url: message.url,
          onActionClick: { default: { operation: 'navigateLastFocusedOrOpen', url: message.url } },
        },
      },
    });
  }

  async send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    const origin = originOf(target.endpoint);
    if (this.active >= CONCURRENT_SENDS) {
      if (this.waiting.length >= MAX_WAITING) {
        this.logger.warn(`Dropped a ${message.kind} notification to ${origin}: ${MAX_WAITING} notifications are already waiting`);
        return 'failed';
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await this.deliver(target, message, origin);
    } finally {
      // The turn passes straight to the next waiting send (or is given back).
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  private async deliver(target: PushTarget, message: PushMessage, origin: string): Promise<PushOutcome> {
    try {
      await this.guard.check(target.endpoint);
    } catch (error) {
      if (!(error instanceof EndpointRefused)) throw error;
      this.logger.warn(`Did not send a ${message.kind} notification to ${origin}: ${error.message}`);
      return 'refused';
    }
    let timer: NodeJS.Timeout | undefined;
    const webpush = await (this.library ??= import('web-push'));
    try {
      await Promise.race([
        webpush.sendNotification({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, PushSender.payload(message), {
          vapidDetails: this.vapidDetails,
          contentEncoding: 'aes128gcm',
          TTL: message.ttlSeconds,
          urgency: message.urgency,
          timeout: SOCKET_TIMEOUT_MS,
          ...(this.guard.agent ? { agent: this.guard.agent } : {}),
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${SEND_DEADLINE_MS / 1000} s`)), SEND_DEADLINE_MS);
          timer.unref();
        }),
      ]);
      return 'sent';
    } catch (error) {
      if (error instanceof webpush.WebPushError) {
        if (error.statusCode === 404 || error.statusCode === 410) return 'gone';
        this.logger.warn(`The push service at ${origin} refused a ${message.kind} notification: HTTP ${error.statusCode}`);
        return 'failed';
      }
      // Socket errors name a host and port at most; the endpoint itself is never repeated.
      const reason = (error instanceof Error ? error.message : String(error)).split(target.endpoint).join(origin);
      this.logger.warn(`Could not send a ${message.kind} notification to ${origin}: ${reason}`);
      return 'failed';
    } finally {
      clearTimeout(timer);
    }
  }
}

/** `https://push.example` of an endpoint: what may be logged (the path is the subscription's secret). */
export function originOf(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return '(an invalid endpoint)';
  }
}
