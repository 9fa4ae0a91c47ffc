import type { onboarding as en } from '../en/onboarding';
import type { Translation } from '../types';

export const onboarding: Translation<typeof en> = {
};
