import { InitAuth1764000000000 } from './1764000000000-init-auth';

/** Every migration, oldest first. Start-up applies the pending ones. */
export const MIGRATIONS = [InitAuth1764000000000];
