import { common } from './common';
import { dashboard } from './dashboard';
import { history } from './history';
import { onboarding } from './onboarding';
import { settings } from './settings';

/** Every English text of the app, by key: the source the other languages translate. */
export const EN = { ...common, ...dashboard, ...history, ...settings, ...onboarding };
export type MessageKey = keyof typeof EN;
export type Messages = { readonly [K in MessageKey]: string };
