/**
 * A Map that holds at most `limit` entries: setting a new key when full drops the oldest
 * one. For in-memory caches, so that many users or tokens cannot grow the process forever.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.limit) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}
