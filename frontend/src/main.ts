import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';
import { warmUpIntl } from './app/core/intl-warm-up';

bootstrapApplication(App, appConfig)
  .catch((err) => console.error(err));
warmUpIntl();
