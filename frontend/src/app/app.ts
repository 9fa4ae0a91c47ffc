import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { SwUpdate } from '@angular/service-worker';
import { AuthService } from './core/auth.service';
import { OfflineQueue } from './core/offline-queue';
import { OnlineService } from './core/online.service';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip" href="#main">Skip to content</a>
    <header class="bar">
      <a class="brand" routerLink="/" aria-label="STracker home"><span aria-hidden="true">🪣</span> STracker</a>
      <span class="spacer"></span>
      @if (!online()) {
        <span class="chip offline" role="status">Offline</span>
      }
      @if (queue.waiting() > 0) {
        <span class="chip waiting" role="status" data-testid="queue-badge"
          [attr.aria-label]="queue.waiting() + ' spendings waiting to be sent'">{{ queue.waiting() }} waiting</span>
      }
      @if (auth.signedIn()) {
        <nav aria-label="Main">
          <a routerLink="/" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }">Today</a>
          <a routerLink="/history" routerLinkActive="active">History</a>
          <a routerLink="/settings" routerLinkActive="active">Settings</a>
        </nav>
      }
    </header>
    @if (updateReady()) {
      <div class="update" role="status">
        A new version of STracker is ready.
        <button type="button" class="btn btn-primary" (click)="reload()">Reload</button>
      </div>
    }
    @if (auth.signedIn() && auth.mustReenrol()) {
      <div class="update notice" role="status">
        You signed in with a recovery code. <a routerLink="/reenrol">Set up your authenticator again</a>.
      </div>
    }
    <main id="main" tabindex="-1"><router-outlet /></main>
  `,
  styles: `
    .skip { position: absolute; left: -999px; }
    .skip:focus { left: 1rem; top: .5rem; z-index: 10; background: var(--surface); padding: .5rem; }
    .bar { position: sticky; top: 0; z-index: 5; display: flex; align-items: center; gap: .75rem; padding: .6rem 1rem;
      background: var(--surface); border-bottom: 1px solid var(--border); }
    .brand { white-space: nowrap; font-weight: 800; color: var(--text); text-decoration: none; font-size: 1.1rem; }
    .spacer { flex: 1; }
    nav { display: flex; gap: .25rem; }
    nav a { padding: .45rem .7rem; border-radius: 8px; color: var(--muted); text-decoration: none; font-weight: 600; }
    nav a.active { color: var(--text); background: var(--surface-2); }
    .chip { font-size: .8rem; padding: .2rem .55rem; border-radius: 999px; font-weight: 700; }
    .offline { background: var(--warning-bg); color: var(--warning-text); }
    .waiting { background: var(--surface-2); color: var(--text); white-space: nowrap; }
    .update { display: flex; gap: .75rem; align-items: center; justify-content: space-between; max-width: 720px; margin: .75rem auto 0; padding: .6rem 1rem; }
    main:focus { outline: none; }
  `,
})
export class App {
  protected readonly auth = inject(AuthService);
  protected readonly online = inject(OnlineService).online;
  private readonly swUpdate = inject(SwUpdate);
  protected readonly updateReady = signal(false);
  protected readonly queue = inject(OfflineQueue);

  constructor() {
    // Spendings recorded offline are sent whenever someone is signed in on this device.
    effect(() => {
      if (this.auth.signedIn()) void this.queue.start();
    });
    if (this.swUpdate.isEnabled) {
      this.swUpdate.versionUpdates.subscribe((event) => {
        if (event.type === 'VERSION_READY') this.updateReady.set(true);
      });
    }
  }

  protected reload(): void {
    document.location.reload();
  }
}
