import { inject } from '@angular/core';
import { CanMatchFn, Router, Routes } from '@angular/router';
import { signedInGuard, signedOutGuard } from './core/auth.guard';
import { TokenStore } from './core/token-store';

/** An invite link opened while signed in leads to Settings, where one can join that household. */
const inviteWhileSignedIn: CanMatchFn = (_route, segments) => {
  if (!inject(TokenStore).signedIn()) return true;
  const router = inject(Router);
  const invite = router.getCurrentNavigation()?.extractedUrl.queryParams['invite'];
  return router.createUrlTree(['/settings'], invite ? { queryParams: { invite } } : {});
};

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    canMatch: [signedInGuard],
    loadComponent: () => import('./pages/dashboard/dashboard.page').then((m) => m.DashboardPage),
    title: 'STracker',
  },
  {
    path: 'settings',
    canMatch: [signedInGuard],
    loadComponent: () => import('./pages/settings/settings.page').then((m) => m.SettingsPage),
    title: 'Settings · STracker',
  },
  {
    // First-run setup of a new household (after registering), and again any time from Settings.
    path: 'setup',
    canMatch: [signedInGuard],
    loadComponent: () => import('./pages/setup/setup.page').then((m) => m.SetupPage),
    title: 'Set up · STracker',
  },
  {
    path: 'history',
    canMatch: [signedInGuard],
    loadComponent: () => import('./pages/history/history.page').then((m) => m.HistoryPage),
    title: 'History · STracker',
  },
  {
    path: 'import',
    canMatch: [signedInGuard],
    loadComponent: () => import('./pages/import/import.page').then((m) => m.ImportPage),
    title: 'Import · STracker',
  },
  {
    path: 'reenrol',
    canMatch: [signedInGuard],
    loadComponent: () => import('./pages/reenrol/reenrol.page').then((m) => m.ReenrolPage),
    title: 'New authenticator · STracker',
  },
  {
    // The operator's reset link: public, and usable whoever is (or was) signed in on this device.
    path: 'reset',
    loadComponent: () => import('./pages/reset/reset.page').then((m) => m.ResetPage),
    title: 'New authenticator · STracker',
  },
  {
    path: 'login',
    canMatch: [signedOutGuard],
    loadComponent: () => import('./pages/login/login.page').then((m) => m.LoginPage),
    title: 'Sign in · STracker',
  },
  {
    path: 'register',
    canMatch: [inviteWhileSignedIn, signedOutGuard],
    loadComponent: () => import('./pages/login/login.page').then((m) => m.LoginPage),
    data: { tab: 'register' },
    title: 'Register · STracker',
  },
  { path: '**', redirectTo: '' },
];
