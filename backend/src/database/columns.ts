import { FindOperator, ValueTransformer } from 'typeorm';

/**
 * TypeORM hands a transformer the bare value when saving and in `find()`, but the whole
 * FindOperator (`LessThan(date)` …) in the WHERE of `update()` and `delete()`. Both
 * are handled here, and `to` is idempotent so a value is never transformed twice.
 */
function transformer<T, S>(to: (value: T) => S, from: (value: string | number) => T): ValueTransformer {
  const toStored = (value: unknown): unknown => (value == null || value instanceof FindOperator ? value : to(value as T));
  return {
    to: (value: unknown) => {
      if (value instanceof FindOperator) {
        value.transformValue({ to: toStored, from: (v: unknown) => v });
        return value;
      }
      return toStored(value);
    },
    from: (value: string | number | null) => (value == null ? null : from(value)),
  };
}

/**
 * Instants are stored as epoch milliseconds in a BIGINT column: exact, index-friendly,
 * and the same in SQLite and PostgreSQL (whose driver returns BIGINT as a string).
 */
export const epochMs = transformer<Date, number>(
  (value) => (value instanceof Date ? value.getTime() : (value as unknown as number)),
  (value) => new Date(Number(value)),
);

/** Whole numbers kept in BIGINT columns (money in minor units, counters, TOTP steps). */
export const bigintNumber = transformer<number, number>(
  (value) => value,
  (value) => Number(value),
);
