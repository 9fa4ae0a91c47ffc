import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';
import { deviceLocale, regionalTag, startLanguage } from './app/core/i18n';
import { warmUpIntl } from './app/core/intl-warm-up';

// The device's language first (English at once; another language once its texts are here), so
// the first paint is in it and nothing jumps from English to it.
const locale = deviceLocale();
const start = () => bootstrapApplication(App, appConfig).catch((err) => console.error(err));
if (locale === 'en') start();
else void startLanguage(locale).then(start);
warmUpIntl(regionalTag(locale));
