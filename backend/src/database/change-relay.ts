import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, PostgresConfig } from '../config/app-config';
import { Change, ChangeFeed, ChangeKind } from './change-feed';

/** The PostgreSQL channel the API processes tell each other their changes on. */
export const CHANGES_CHANNEL = 'stracker_changes';
/** Changes per NOTIFY: a payload must stay under PostgreSQL's 8000 bytes. */
const PER_NOTIFY = 40;
const KINDS: ReadonlySet<string> = new Set<ChangeKind>(['spendings', 'funnels', 'fixedCosts', 'household', 'members', 'sessions', 'push']);

/**
 * The change feed across API processes, on PostgreSQL (on SQLite there is one process per
 * database file, and this does nothing). Each process sends what it committed on one channel
 * (NOTIFY; inside a transaction PostgreSQL delivers it only with the commit) and listens on a
 * connection of its own (LISTEN), publishing the other processes' changes to its own feed: their
 * caches and live event streams see every write. While that connection is down, notifications
 * would be missed, so the feed is suspended (every cached read goes to the database) until it
 * is back.
 */
@Injectable()
export class ChangeRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ChangeRelay.name);
  /** This process, so that it skips its own notifications (its feed has them already). */
  private readonly origin = randomUUID();
  private readonly database: PostgresConfig | null;
  private listener: Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly feed: ChangeFeed,
    private readonly dataSource: DataSource,
  ) {
    this.database = config.database.type === 'postgres' ? config.database : null;
  }

  async onModuleInit(): Promise<void> {
    if (!this.database) return;
    this.feed.suspend();
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  /** Tells the other processes of changes already committed (fire and forget: a failure is logged). */
  send(changes: readonly Change[]): void {
    if (!this.database || changes.length === 0) return;
    for (const payload of this.payloads(changes)) {
      this.dataSource.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, payload]).catch((error: unknown) => {
        this.logger.error(`Could not tell the other API processes of a change: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  }

  /** Tells the other processes of `changes` when the transaction of `manager` commits (and not if it rolls back). */
  async sendWithin(manager: EntityManager, changes: readonly Change[]): Promise<void> {
    if (!this.database || changes.length === 0) return;
    for (const payload of this.payloads(changes)) await manager.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, payload]);
  }

  private payloads(changes: readonly Change[]): string[] {
    const payloads: string[] = [];
    for (let i = 0; i < changes.length; i += PER_NOTIFY) {
      payloads.push(JSON.stringify({ origin: this.origin, changes: changes.slice(i, i + PER_NOTIFY) }));
    }
    return payloads;
  }

  private async listen(): Promise<void> {
    const database = this.database!;
    // Loaded only here: on SQLite (one process per file) the pg package is never needed.
    const { Client } = await import('pg');
    const client = new Client({ connectionString: database.url, ssl: database.ssl, application_name: 'stracker-changes' });
    client.on('notification', (message) => this.receive(message.payload));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    if (this.stopped) {
      await client.end();
      return;
    }
    this.listener = client;
    // From here on every other process's change arrives: caches may be trusted again.
    this.feed.resume();
  }

  private lost(client: Client, error: Error | null): void {
    if (this.stopped || this.listener !== client) return;
    this.listener = null;
    this.feed.suspend();
    this.logger.warn(`Lost the connection that hears other API processes' changes${error ? ` (${error.message})` : ''}; reading everything from the database until it is back`);
    client.end().catch(() => undefined);
    this.reconnectSoon();
  }

  private reconnectSoon(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.listen().catch((error: unknown) => {
        this.logger.warn(`Could not listen for other API processes' changes yet: ${error instanceof Error ? error.message : String(error)}`);
        this.reconnectSoon();
      });
    }, 1000);
  }

  private receive(payload: string | undefined): void {
    let message: unknown;
    try {
      message = JSON.parse(payload ?? '');
    } catch {
      return;
    }
    if (!isMessage(message) || message.origin === this.origin) return;
    for (const change of message.changes) this.feed.publish(change);
  }
}

function isMessage(value: unknown): value is { origin: string; changes: Change[] } {
  if (!value || typeof value !== 'object') return false;
  const { origin, changes } = value as { origin?: unknown; changes?: unknown };
  return (
    typeof origin === 'string' &&
    Array.isArray(changes) &&
    changes.every(
      (c: unknown) =>
        !!c &&
        typeof c === 'object' &&
        ((c as Change).householdId === null || typeof (c as Change).householdId === 'string') &&
        Array.isArray((c as Change).userIds) &&
        (c as Change).userIds.every((id) => typeof id === 'string') &&
        KINDS.has((c as Change).kind),
    )
  );
}
