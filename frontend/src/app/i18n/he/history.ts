import type { history as en } from '../en/history';
import type { Translation } from '../types';

export const history: Translation<typeof en> = {
};
