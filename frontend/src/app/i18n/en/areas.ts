/** The areas of the English catalogue by name (the check that keys are filed under their area). */
export { common } from './common';
export { dashboard } from './dashboard';
export { history } from './history';
export { onboarding } from './onboarding';
export { settings } from './settings';
