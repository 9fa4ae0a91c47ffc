import { BoundedMap } from '../common/bounded-map';
import { Database } from './database.service';

/** How many keys a cache keeps (the oldest goes first). */
const MAX_ENTRIES = 10_000;

/**
 * Values derived from some tables, kept per key until one of those tables is written to
 * (see `Database.versionOf`). The version is taken before the value is read, so a write that
 * lands during the read makes the next `get` miss rather than return old data.
 */
export class TableCache<V> {
  private readonly entries = new BoundedMap<string, { version: number; value: V }>(MAX_ENTRIES);
  private readonly tables: string[];

  /** @param tables every table the values come from, including those that deletes cascade into */
  constructor(
    private readonly db: Database,
    tables: readonly string[],
  ) {
    this.tables = [...tables];
  }

  /** The value kept for `key`, if none of the tables was written to since and `stillValid` agrees. */
  get(key: string, stillValid: (value: V) => boolean = () => true): V | undefined {
    const entry = this.entries.get(key);
    return entry && entry.version === this.db.versionOf(...this.tables) && stillValid(entry.value) ? entry.value : undefined;
  }

  /** Reads the value with `read` and keeps it for `key` (nothing is kept if `read` throws). */
  async remember(key: string, read: () => Promise<V>): Promise<V> {
    const version = this.db.versionOf(...this.tables);
    const value = await read();
    this.entries.delete(key); // the newest entry goes last, so the oldest is dropped first
    this.entries.set(key, { version, value });
    return value;
  }
}
