import { HttpInterceptorFn } from '@angular/common/http';
import { currentLocale } from './i18n';

/**
 * Tells the API the app's language on every call (`Accept-Language: de`), signed in or not, so
 * the messages it writes for people (a refused field, a conflict, why a push test failed) come
 * in the language the app speaks and are shown as they come.
 */
export const languageInterceptor: HttpInterceptorFn = (req, next) => {
  if (!/\/api\//.test(req.url) || req.headers.has('Accept-Language')) return next(req);
  return next(req.clone({ setHeaders: { 'Accept-Language': currentLocale() } }));
};
