import { inject } from '@angular/core';
import { CanMatchFn, Router } from '@angular/router';
import { TokenStore } from './token-store';

/** Pages that need a signed-in user; others go to the sign-in page. */
export const signedInGuard: CanMatchFn = () => inject(TokenStore).signedIn() || inject(Router).parseUrl('/login');

/** The sign-in page; a signed-in user goes straight to the dashboard. */
export const signedOutGuard: CanMatchFn = () => !inject(TokenStore).signedIn() || inject(Router).parseUrl('/');
