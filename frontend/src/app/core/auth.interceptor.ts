import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AuthService, endedSessionReason, PUBLIC_REQUEST } from './auth.service';

const withToken = (req: HttpRequest<unknown>, token: string | null) =>
  token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;

/**
 * Adds the access token to API calls. On a 401 it renews the pair once and retries; when
 * the session is over (signed in elsewhere, revoked) it signs out and says why.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (req.context.get(PUBLIC_REQUEST) || !/\/api\//.test(req.url)) return next(req);
  const auth = inject(AuthService);
  return next(withToken(req, auth.accessToken())).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
      const { reason, message } = (error.error as { reason?: string; message?: unknown } | null) ?? {};
      const ended = endedSessionReason(reason);
      if (ended) {
        auth.signOut(ended, message);
        return throwError(() => error);
      }
      return from(auth.refresh()).pipe(
        switchMap((renewed) => (renewed ? next(withToken(req, auth.accessToken())) : throwError(() => error))),
      );
    }),
  );
};
