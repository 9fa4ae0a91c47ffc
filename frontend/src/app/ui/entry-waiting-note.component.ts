import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { isolate } from '../core/household-dates';
import { translate } from '../core/i18n';
import { OfflineQueue } from '../core/offline-queue';
import { TokenStore } from '../core/token-store';

/**
 * While nobody is signed in, says what waits on this device for the user who signed in
 * here last ("1 spending waiting; it will be sent when you sign in"): typed while signed
 * out, or refused with 401 because another device signed this one out. Nothing is dropped
 * silently. For the sign-in page and the dashboard.
 */
@Component({
  selector: 'app-entry-waiting-note',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (text(); as text) {
      <p class="notice" role="status" data-testid="waiting-for-sign-in">{{ text }}</p>
    }
  `,
  styles: `
    :host { display: block; }
    p { margin: 0 0 1rem; }
  `,
})
export class EntryWaitingNote {
  private readonly queue = inject(OfflineQueue);
  private readonly tokens = inject(TokenStore);

  protected readonly text = computed(() => {
    if (this.tokens.signedIn()) return null;
    return waitingText(this.queue.items(), this.tokens.lastUser()?.name ?? null);
  });

  constructor() {
    // Signed out, nothing else loads the queue.
    this.queue.reload().catch(() => undefined);
  }
}

/**
 * "1 spending waiting; it will be sent when you sign in", naming the user when the device knows
 * them. In the common texts: the sign-in page shows it too, before any page's texts are loaded.
 */
export function waitingText(items: ReadonlyArray<{ kind: string }>, name: string | null): string | null {
  if (items.length === 0) return null;
  const created = items.filter((c) => c.kind === 'create').length;
  const other = items.length - created;
  const spendings = translate('common.waitingNote.spendings', { count: created });
  const changes = translate('common.waitingNote.changes', { count: other });
  const what = created && other ? translate('common.waitingNote.both', { spendings, changes }) : created ? spendings : changes;
  const count = items.length;
  return name ? translate('common.waitingNote.named', { what, name: isolate(name), count }) : translate('common.waitingNote.you', { what, count });
}
