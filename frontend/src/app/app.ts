import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { SwUpdate } from '@angular/service-worker';
import { AuthService } from './core/auth.service';
import { I18n } from './core/i18n';
import { OfflineQueueHandle } from './core/offline-queue-handle';
import { OnlineService } from './core/online.service';

/**
 * The shell: a header (brand, offline and queue badges), the main navigation — a tab bar
 * fixed to the bottom of phones, links in the header on wider screens — and the banners.
 */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip" href="#main">{{ t('common.skipToContent') }}</a>
    <!-- The header's links are plain links that the router follows (see follow()). -->
    <header class="bar" (click)="follow($event)">
      <a class="brand" href="/" [attr.aria-label]="t('common.home')"><span aria-hidden="true">🪣</span> STracker</a>
      <span class="badges">
        @if (!online()) {
          <span class="chip offline" role="status" data-testid="offline-badge">{{ t('common.offline') }}</span>
        }
        @if (waiting() > 0) {
          <span class="chip waiting" role="status" data-testid="queue-badge"
            [attr.aria-label]="t('common.waitingToBeSent', { count: waiting() })">{{ t('common.waiting', { count: waiting() }) }}</span>
        }
      </span>
      @if (auth.signedIn()) {
        <nav class="tab-bar" [attr.aria-label]="t('common.mainNavigation')" data-testid="main-nav">
          <a href="/" [class.active]="page() === '/'" [attr.aria-current]="page() === '/' ? 'page' : null" data-testid="nav-today">
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3.5 10.5 12 3.5l8.5 7V20a.5.5 0 0 1-.5.5h-5v-6h-6v6H4a.5.5 0 0 1-.5-.5z" /></svg>
            <span>{{ t('common.today') }}</span>
          </a>
          <a href="/history" [class.active]="page() === '/history'" [attr.aria-current]="page() === '/history' ? 'page' : null" data-testid="nav-history">
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3.5 20.5h17M6.5 17v-6M12 17V5.5M17.5 17v-9" /></svg>
            <span>{{ t('common.history') }}</span>
          </a>
          <a href="/settings" [class.active]="page() === '/settings'" [attr.aria-current]="page() === '/settings' ? 'page' : null" data-testid="nav-settings">
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 7h9m4 0h3M4 17h3m4 0h9" /><circle cx="15" cy="7" r="2.2" /><circle cx="9" cy="17" r="2.2" /></svg>
            <span>{{ t('common.settings') }}</span>
          </a>
        </nav>
      }
    </header>
    @if (updateReady() || (auth.signedIn() && auth.mustReenrol())) {
      <div class="banners">
        @if (updateReady()) {
          <div class="banner" role="status" data-testid="update-banner">
            <span>{{ t('common.updateReady') }}</span>
            <button type="button" class="btn btn-primary" (click)="reload()">{{ t('common.reload') }}</button>
          </div>
        }
        @if (auth.signedIn() && auth.mustReenrol()) {
          <div class="banner notice" role="status" data-testid="reenrol-banner">
            <span>{{ t('common.signedInWithRecoveryCode') }} <a routerLink="/reenrol">{{ t('common.setUpAuthenticatorAgain') }}</a></span>
          </div>
        }
      </div>
    }
    <main id="main" tabindex="-1"><router-outlet /></main>
  `,
  styleUrl: './app.css',
})
export class App {
  protected readonly t = inject(I18n).t;
  protected readonly auth = inject(AuthService);
  protected readonly online = inject(OnlineService).online;
  private readonly swUpdate = inject(SwUpdate);
  protected readonly updateReady = signal(false);
  private readonly queue = inject(OfflineQueueHandle);
  protected readonly waiting = computed(() => this.queue.loaded()?.waiting() ?? 0);
  private readonly router = inject(Router);
  /** The page shown, by its first path segment ('/', '/history' …), for the tab bar's current tab; '' before the first. */
  protected readonly page = computed(() => {
    const url = this.router.lastSuccessfulNavigation()?.finalUrl;
    return url ? `/${url.root.children['primary']?.segments[0]?.path ?? ''}` : '';
  });

  constructor() {
    // Spendings recorded offline are sent whenever someone is signed in on this device.
    effect(() => {
      if (this.auth.signedIn()) void this.queue.queue().then((queue) => queue.start());
    });
    if (this.swUpdate.isEnabled) {
      this.swUpdate.versionUpdates.subscribe((event) => {
        if (event.type === 'VERSION_READY') this.updateReady.set(true);
      });
    }
  }

  /**
   * Follows a click on one of the header's links in the app, as the router's links do (a click
   * with a modifier key is the browser's: a new tab or window). Plain links because the router's
   * link directives on these four links took 2–3 ms of the task that starts the app (a desktop
   * CPU; about four times that on a phone), the task a first tap waits behind.
   */
  protected follow(event: MouseEvent): void {
    const link = (event.target as Element | null)?.closest?.('a[href]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const href = link.getAttribute('href')!;
    if (!href.startsWith('/')) return;
    event.preventDefault();
    void this.router.navigateByUrl(href);
  }

  protected reload(): void {
    document.location.reload();
  }
}
