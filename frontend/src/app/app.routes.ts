import { inject } from '@angular/core';
import { CanMatchFn, Router, Routes } from '@angular/router';
import { signedInGuard, signedOutGuard } from './core/auth.guard';
import { withTexts } from './core/i18n';
import { TokenStore } from './core/token-store';

/** An invite link opened while signed in leads to Settings, where one can join that household. */
const inviteWhileSignedIn: CanMatchFn = (_route, segments) => {
  if (!inject(TokenStore).signedIn()) return true;
  const router = inject(Router);
  const invite = router.getCurrentNavigation()?.extractedUrl.queryParams['invite'];
  return router.createUrlTree(['/settings'], invite ? { queryParams: { invite } } : {});
};

/** Titles are keys of the common texts (TranslatedTitleStrategy); each page loads with the texts of its areas. */
export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    canMatch: [signedInGuard],
    loadComponent: withTexts(['dashboard'], () => import('./pages/dashboard/dashboard.page').then((m) => m.DashboardPage)),
    title: 'common.title.today',
  },
  {
    path: 'settings',
    canMatch: [signedInGuard],
    loadComponent: withTexts(['settings', 'onboarding'], () => import('./pages/settings/settings.page').then((m) => m.SettingsPage)),
    title: 'common.title.settings',
  },
  {
    // First-run setup of a new household (after registering), and again any time from Settings.
    path: 'setup',
    canMatch: [signedInGuard],
    loadComponent: withTexts(['onboarding', 'settings'], () => import('./pages/setup/setup.page').then((m) => m.SetupPage)),
    title: 'common.title.setup',
  },
  {
    path: 'history',
    canMatch: [signedInGuard],
    loadComponent: withTexts(['history', 'dashboard'], () => import('./pages/history/history.page').then((m) => m.HistoryPage)),
    title: 'common.title.history',
  },
  {
    path: 'import',
    canMatch: [signedInGuard],
    loadComponent: withTexts(['settings'], () => import('./pages/import/import.page').then((m) => m.ImportPage)),
    title: 'common.title.import',
  },
  {
    path: 'reenrol',
    canMatch: [signedInGuard],
    loadComponent: withTexts(['onboarding'], () => import('./pages/reenrol/reenrol.page').then((m) => m.ReenrolPage)),
    title: 'common.title.newAuthenticator',
  },
  {
    // The operator's reset link: public, and usable whoever is (or was) signed in on this device.
    path: 'reset',
    loadComponent: withTexts(['onboarding'], () => import('./pages/reset/reset.page').then((m) => m.ResetPage)),
    title: 'common.title.newAuthenticator',
  },
  {
    path: 'login',
    canMatch: [signedOutGuard],
    loadComponent: withTexts(['onboarding'], () => import('./pages/login/login.page').then((m) => m.LoginPage)),
    title: 'common.title.signIn',
  },
  {
    path: 'register',
    canMatch: [inviteWhileSignedIn, signedOutGuard],
    loadComponent: withTexts(['onboarding'], () => import('./pages/login/login.page').then((m) => m.LoginPage)),
    data: { tab: 'register' },
    title: 'common.title.register',
  },
  { path: '**', redirectTo: '' },
];
