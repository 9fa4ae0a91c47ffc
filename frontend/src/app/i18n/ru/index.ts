import type { Messages } from '../en';
import { common } from './common';
import { dashboard } from './dashboard';
import { history } from './history';
import { onboarding } from './onboarding';
import { settings } from './settings';

/** Loaded only when this language is chosen (a chunk of its own). */
export const RU: Messages = { ...common, ...dashboard, ...history, ...settings, ...onboarding };
