import { ChangeDetectionStrategy, Component, OnInit, computed, effect, inject, signal, untracked } from '@angular/core';
import { PushPrefsDto } from '../../api/models';
import { I18n } from '../../core/i18n';
import type { MessageKey } from '../../i18n/en';
import { OnlineService } from '../../core/online.service';
import { PushBlocker, PushStore } from '../../stores/push.store';

/** The reminder's time until one is chosen. */
const DEFAULT_REMINDER_TIME = '20:00';

const BLOCKER_WORDS: Record<PushBlocker, MessageKey> = {
  'no-service-worker': 'settings.push.blocked.noServiceWorker',
  'no-push': 'settings.push.blocked.noPush',
  denied: 'settings.push.blocked.denied',
  starting: 'settings.push.blocked.starting',
};

type Flag = 'nearLimit' | 'memberSpent' | 'fixedCostDue';

/**
 * Settings → Notifications: whether this browser can show them (and what to do when it cannot),
 * the main switch for this device, what to be told about, and a test notification. Every change
 * is saved at once; offline the controls wait.
 */
@Component({
  selector: 'app-notifications-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './notifications-section.component.html',
  styleUrl: './notifications-section.component.css',
})
export class NotificationsSectionComponent implements OnInit {
  protected readonly store = inject(PushStore);
  protected readonly online = inject(OnlineService).online;
  protected readonly t = inject(I18n).t;

  protected readonly flags: ReadonlyArray<{ key: Flag; id: string; label: MessageKey; hint: MessageKey }> = [
    { key: 'nearLimit', id: 'push-near-limit', label: 'settings.push.nearLimit', hint: 'settings.push.nearLimitHint' },
    { key: 'memberSpent', id: 'push-member-spent', label: 'settings.push.memberSpent', hint: 'settings.push.memberSpentHint' },
    { key: 'fixedCostDue', id: 'push-fixed-cost', label: 'settings.push.fixedCostDue', hint: 'settings.push.fixedCostDueHint' },
  ];

  protected readonly blockerWords = computed(() => {
    const blocker = this.store.blocker();
    return blocker ? this.t(BLOCKER_WORDS[blocker]) : null;
  });
  /** The main switch can be used: the browser can do it, the state is known, and the server can be reached. */
  protected readonly canSwitch = computed(() => this.store.blocker() === null && this.store.on() !== null && this.online());
  /** The preferences and the test can be used: notifications are on and the server can be reached. */
  protected readonly canChange = computed(() => this.canSwitch() && this.store.on() === true);
  /** The time the reminder comes at, shown also while it is off (it is used when it is turned on). */
  private readonly chosenTime = signal<string | null>(null);
  protected readonly reminderTime = computed(() => this.store.prefs().dailyReminder ?? this.chosenTime() ?? DEFAULT_REMINDER_TIME);
  protected readonly status = computed(() => {
    if (this.store.saving()) return this.t('settings.saving');
    return this.store.saved() ? this.t('settings.saved') : '';
  });

  protected readonly testWords = computed(() => {
    const test = this.store.test();
    if (test?.state === 'sending') return this.t('settings.push.sending');
    if (test?.state === 'sent') return this.t('settings.push.sent');
    return test?.state === 'failed' ? this.t('settings.push.notSent', { reason: test.message }) : '';
  });

  constructor() {
    // Opened offline (or the server could not be reached): checked again once back online.
    effect(() => {
      if (this.online() && untracked(() => this.store.on() === null && this.store.blocker() === null && this.store.error() !== null)) void this.store.load();
    });
  }

  async ngOnInit(): Promise<void> {
    await this.store.load();
  }

  protected flag(key: Flag): boolean {
    return this.store.prefs()[key];
  }

  protected async toggleMain(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    if (input.checked) await this.store.turnOn();
    else await this.store.turnOff();
    // A refusal can come before the page was drawn again: the box must not keep the tap.
    input.checked = this.store.switchedOn();
  }

  protected async toggle(key: Flag, event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    await this.save({ [key]: input.checked });
    input.checked = this.store.prefs()[key];
  }

  protected async toggleReminder(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    await this.save({ dailyReminder: input.checked ? this.reminderTime() : null });
    input.checked = this.store.prefs().dailyReminder !== null;
  }

  /** A time typed or picked (the change event: once it is complete, not at every digit). */
  protected async reminderAt(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const time = input.value.slice(0, 5);
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
      input.value = this.reminderTime(); // cleared or half typed: the time in force stays
      return;
    }
    this.chosenTime.set(time);
    if (this.store.prefs().dailyReminder !== null) await this.save({ dailyReminder: time });
  }

  protected async sendTest(): Promise<void> {
    await this.store.sendTest();
  }

  private async save(change: Partial<PushPrefsDto>): Promise<void> {
    await this.store.setPrefs(change);
  }
}
