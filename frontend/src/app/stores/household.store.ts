import { Injectable, computed, inject } from '@angular/core';
import { Api } from '../api/api';
import { householdsCreateInvite } from '../api/fn/household/households-create-invite';
import { householdsGet } from '../api/fn/household/households-get';
import { householdsJoin } from '../api/fn/household/households-join';
import { householdsUpdate } from '../api/fn/household/households-update';
import { HouseholdDto, InviteDto, UpdateHouseholdDto } from '../api/models';
import { UserState } from './user-state';

/**
 * The household: its settings (name, pay day, time zone, currency), its members, invites and
 * joining another one. Settings, setup and History read and change it here, so they show
 * the same household, and its time zone is the one every page counts "today" in.
 */
@Injectable({ providedIn: 'root' })
export class HouseholdStore {
  private readonly api = inject(Api);
  private readonly state = new UserState<HouseholdDto>();

  /** As the server last said (null until loaded). */
  readonly household = this.state.value;
  /** The household's time zone, once known. */
  readonly timeZone = computed(() => this.household()?.timezone);

  /** Fetches it afresh; rejects with the server's error. */
  async load(): Promise<HouseholdDto> {
    return this.state.set(await this.api.invoke(householdsGet));
  }

  async save(changes: UpdateHouseholdDto): Promise<HouseholdDto> {
    return this.state.set(await this.api.invoke(householdsUpdate, { body: changes }));
  }

  /** Joins the household of an invite code; the user's personal funnels come along. */
  async join(code: string): Promise<HouseholdDto> {
    return this.state.set(await this.api.invoke(householdsJoin, { body: { code } }));
  }

  /** A new single-use invite for someone to join this household. */
  createInvite(): Promise<InviteDto> {
    return this.api.invoke(householdsCreateInvite);
  }
}
