import { ChangeDetectionStrategy, Component, ElementRef, OnInit, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { FunnelDto, FunnelInputDto, HouseholdDto, InviteDto } from '../../api/models';
import { AuthService } from '../../core/auth.service';
import { errorMessage } from '../../core/error-message';
import { I18n, isLocale, LOCALE_NAMES, LOCALES } from '../../core/i18n';
import { formatMoney } from '../../core/money';
import { OnlineService } from '../../core/online.service';
import { TokenStore } from '../../core/token-store';
import { FunnelFormComponent } from '../../ui/funnel-form.component';
import { FixedCostsSectionComponent } from './fixed-costs-section.component';
import { NotificationsSectionComponent } from './notifications-section.component';
import { RecoveryCodesComponent } from '../../ui/recovery-codes.component';
import { StrongText } from '../login/strong-text.component';
import { dateFormat } from '../../core/date-format';
import { householdToday, isolate } from '../../core/household-dates';
import { AccountStore } from '../../stores/account.store';
import { PushStore } from '../../stores/push.store';
import { FunnelsStore } from '../../stores/funnels.store';
import { HouseholdStore } from '../../stores/household.store';
import { SpendingFiles } from '../../stores/spending-files.store';
import { currencyOptions } from '../../ui/currency-options';
import { timeZoneOptions } from '../../ui/settings-timezones';

type Editing = { mode: 'new' } | { mode: 'edit'; funnel: FunnelDto } | null;

/** The app's language, funnels, their fixed costs, household, this device's notifications and session. */
@Component({
  selector: 'app-settings-page',
  // The delete question's counts are bold where each language puts them (StrongText: text, never HTML).
  imports: [FormsModule, RouterLink, FunnelFormComponent, RecoveryCodesComponent, FixedCostsSectionComponent, NotificationsSectionComponent, StrongText],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './settings.page.html',
  styleUrl: './settings.page.css',
})
export class SettingsPage implements OnInit {
  private readonly funnelStore = inject(FunnelsStore);
  private readonly householdStore = inject(HouseholdStore);
  private readonly account = inject(AccountStore);
  private readonly files = inject(SpendingFiles);
  private readonly push = inject(PushStore);
  private readonly auth = inject(AuthService);
  private readonly userId = inject(TokenStore).userId;
  private readonly deleteDialog = viewChild<ElementRef<HTMLDialogElement>>('deleteDialog');
  private readonly fixedCosts = viewChild(FixedCostsSectionComponent);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  /** `?invite=CODE` from an invite link opened while signed in. */
  readonly invite = input<string>();

  protected readonly locales = LOCALES;
  protected readonly localeNames = LOCALE_NAMES;
  protected readonly locale = this.i18n.locale;
  /** The account's language waits for a later visit (offline, or the server failed). */
  protected readonly localeWaiting = this.account.localeWaiting;
  protected readonly languageError = signal(false);
  protected readonly funnels = this.funnelStore.funnels;
  protected readonly household = this.householdStore.household;
  protected readonly session = this.account.session;
  protected readonly error = signal<string | null>(null);
  protected readonly editing = signal<Editing>(null);
  protected readonly formError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly toDelete = signal<FunnelDto | null>(null);
  protected readonly inviteLink = signal<InviteDto | null>(null);
  protected readonly copied = signal(false);
  /** "Saved." or "You joined…", shown in the language of the moment. */
  protected readonly householdMessage = signal<'settings.saved' | 'settings.household.joined' | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);
  /** The funnel whose fixed costs the Fixed costs section shows (null: all). */
  protected readonly fixedCostsOf = signal<string | null>(null);
  protected joinCode = '';

  /** Named ("Euro — EUR"); the household's own is always among them. */
  protected readonly currencies = computed(() => currencyOptions(this.household()?.currency));
  /** Current IANA names (Asia/Kolkata, Europe/Kyiv); the household's own is always among them. */
  protected readonly timezones = computed(() => timeZoneOptions(this.household()?.timezone));
  protected readonly days = Array.from({ length: 28 }, (_, i) => i + 1);
  /** The household form; from the household another page loaded already, until this page's load answers. */
  protected settings = formOf(this.household());

  constructor() {
    // A language chosen here while the account could not be told is stored now, or once back online.
    const online = inject(OnlineService).online;
    effect(() => {
      if (online()) untracked(() => void this.account.syncLocale());
    });
  }

  async ngOnInit(): Promise<void> {
    if (this.invite()) this.joinCode = this.invite()!;
    await Promise.all([this.loadFunnels(), this.loadHousehold(), this.loadSession()]);
  }

  /**
   * Switches at once (remembered on this device) and stores it on the account for the
   * notifications; the account is told while the language's texts are fetched.
   */
  protected async chooseLanguage(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const locale = select.value;
    const previous = this.locale();
    if (!isLocale(locale) || locale === previous) return;
    this.languageError.set(false);
    const stored = this.account.saveLocale(locale);
    try {
      await this.i18n.use(locale);
    } catch {
      // Its texts could not be fetched (offline before they were ever loaded): nothing changed here, nor on the account.
      select.value = previous;
      this.languageError.set(true);
      await this.account.saveLocale(previous);
      return;
    }
    await stored;
  }

  /** A name someone typed, whole inside a sentence of the page's direction. */
  protected name(text: string): string {
    return isolate(text);
  }

  protected money(value: number): string {
    return formatMoney(value, this.household()?.currency ?? 'EUR');
  }

  protected async saveFunnel(input: FunnelInputDto): Promise<void> {
    const editing = this.editing();
    await this.run(this.formError, async () => {
      if (editing?.mode === 'edit') await this.funnelStore.update(editing.funnel.id, input);
      else await this.funnelStore.create(input);
      this.editing.set(null);
      await this.loadFunnels();
    });
  }

  protected isEditing(funnel: FunnelDto): boolean {
    const editing = this.editing();
    return editing?.mode === 'edit' && editing.funnel.id === funnel.id;
  }

  /**
   * True for a shared funnel someone else owns: the signed-in user may edit it but not delete
   * it nor make it personal. The server enforces that (403); the screen just doesn't offer it.
   */
  protected ownedByOther(funnel: FunnelDto): boolean {
    const me = this.userId();
    return funnel.shared && me !== null && funnel.ownerId !== me;
  }

  /** The owner's username, once the household's members are known. */
  protected ownerName(funnel: FunnelDto): string | null {
    return this.household()?.members.find((m) => m.id === funnel.ownerId)?.username ?? null;
  }

  /** A funnel's fixed costs: the section below, showing only that funnel's. */
  protected showFixedCosts(funnel: FunnelDto): void {
    this.fixedCosts()?.show(funnel.id);
  }

  /** "2 fixed costs" for a funnel's row; "Fixed costs" when it has none (or they are not loaded yet). */
  protected fixedCostsLabel(funnel: FunnelDto): string {
    return this.t('settings.funnels.fixedCosts', { count: this.fixedCostCount(funnel) });
  }

  protected fixedCostsAriaLabel(funnel: FunnelDto): string {
    return this.t('settings.funnels.fixedCostsOf', { count: this.fixedCostCount(funnel), name: this.name(funnel.name) });
  }

  protected fixedCostCount(funnel: FunnelDto): number {
    return this.fixedCosts()?.countFor(funnel.id) ?? 0;
  }

  protected askDelete(funnel: FunnelDto): void {
    this.toDelete.set(funnel);
    this.deleteDialog()?.nativeElement.showModal();
  }

  protected async confirmDelete(): Promise<void> {
    const funnel = this.toDelete();
    this.deleteDialog()?.nativeElement.close();
    if (!funnel) return;
    await this.run(this.error, async () => {
      await this.funnelStore.remove(funnel.id);
      if (this.fixedCostsOf() === funnel.id) this.fixedCostsOf.set(null);
      await Promise.all([this.loadFunnels(), this.fixedCosts()?.reload()]);
    });
  }

  protected async createInvite(): Promise<void> {
    await this.run(this.error, async () => {
      this.inviteLink.set(await this.householdStore.createInvite());
      this.copied.set(false);
    });
  }

  protected inviteUrl(invite: InviteDto): string {
    return `${location.origin}/register?invite=${encodeURIComponent(invite.code)}`;
  }

  protected canShare(): boolean {
    return typeof navigator.share === 'function';
  }

  protected async copyInvite(invite: InviteDto): Promise<void> {
    await navigator.clipboard?.writeText(this.inviteUrl(invite));
    this.copied.set(true);
  }

  protected async shareInvite(invite: InviteDto): Promise<void> {
    try {
      await navigator.share({ title: this.t('settings.household.shareTitle'), url: this.inviteUrl(invite) });
    } catch {
      // The user closed the share sheet.
    }
  }

  protected async saveHousehold(): Promise<void> {
    this.householdMessage.set(null);
    await this.run(this.error, async () => {
      this.setHousehold(await this.householdStore.save({ ...this.settings, name: this.settings.name.trim() }));
      this.householdMessage.set('settings.saved');
    });
  }

  protected async join(): Promise<void> {
    await this.run(this.error, async () => {
      this.setHousehold(await this.householdStore.join(this.joinCode.trim()));
      this.joinCode = '';
      this.householdMessage.set('settings.household.joined');
      await this.loadFunnels();
    });
  }

  protected async regenerateCodes(): Promise<void> {
    if (!confirm(this.t('settings.device.confirmNewCodes'))) return;
    await this.run(this.error, async () => {
      this.recoveryCodes.set(await this.account.newRecoveryCodes());
    });
  }

  /** Downloads the export through the API client (it needs the bearer token, so no plain link). */
  protected async exportCsv(event: Event): Promise<void> {
    event.preventDefault();
    await this.run(this.error, async () => {
      const csv = await this.files.exportCsv();
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const day = householdToday(this.householdStore.timeZone());
      const link = Object.assign(document.createElement('a'), { href: url, download: `stracker-spendings-${day}.csv` });
      link.click();
      URL.revokeObjectURL(url);
    });
  }

  /** This device's notifications stop first, while the tokens still work; then the session ends. */
  protected async logout(): Promise<void> {
    await this.push.beforeSignOut();
    await this.auth.logout();
  }

  protected since(instant: string): string {
    return dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
  }

  private async loadFunnels(): Promise<void> {
    await this.run(this.error, async () => void (await this.funnelStore.load()));
  }

  private async loadHousehold(): Promise<void> {
    await this.run(this.error, async () => this.setHousehold(await this.householdStore.load()));
  }

  private async loadSession(): Promise<void> {
    try {
      await this.account.loadSession();
    } catch {
      // Shown as unknown; nothing the user can act on.
    }
  }

  /** The form starts from the household as the server has it now. */
  private setHousehold(household: HouseholdDto): void {
    this.settings = formOf(household);
  }

  private async run(errorTarget: ReturnType<typeof signal<string | null>>, work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    errorTarget.set(null);
    try {
      await work();
    } catch (error) {
      errorTarget.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

function formOf(household: HouseholdDto | null): { name: string; periodStartDay: number; timezone: string; currency: string } {
  if (!household) return { name: '', periodStartDay: 1, timezone: 'UTC', currency: 'EUR' };
  const { name, periodStartDay, timezone, currency } = household;
  return { name, periodStartDay, timezone, currency };
}
