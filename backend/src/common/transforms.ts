import { Transform } from 'class-transformer';

/** Trims strings; leaves other types alone so the type check still reports them. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
