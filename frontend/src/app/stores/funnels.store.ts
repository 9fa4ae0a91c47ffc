import { Injectable, inject } from '@angular/core';
import { Api } from '../api/api';
import { funnelsCreate } from '../api/fn/funnels/funnels-create';
import { funnelsList } from '../api/fn/funnels/funnels-list';
import { funnelsRemove } from '../api/fn/funnels/funnels-remove';
import { funnelsUpdate } from '../api/fn/funnels/funnels-update';
import { FunnelDto, FunnelInputDto } from '../api/models';
import { UserState } from './user-state';

/**
 * The funnels this user sees (their own and the household's shared ones), and the one way to
 * create, change and delete one: Settings, setup, History and the import all go through here,
 * and after every change the list is read again (the server decides order and counts).
 */
@Injectable({ providedIn: 'root' })
export class FunnelsStore {
  private readonly api = inject(Api);
  private readonly state = new UserState<FunnelDto[]>();

  /** As the server last said (null until loaded). */
  readonly funnels = this.state.value;

  /** Fetches the list afresh; rejects with the server's error. */
  async load(): Promise<FunnelDto[]> {
    return this.state.set(await this.api.invoke(funnelsList));
  }

  async create(input: FunnelInputDto): Promise<FunnelDto> {
    return this.api.invoke(funnelsCreate, { body: input });
  }

  async update(id: string, input: FunnelInputDto): Promise<FunnelDto> {
    return this.api.invoke(funnelsUpdate, { id, body: input });
  }

  /** Deletes it with all its spendings (only its owner may). */
  async remove(id: string): Promise<void> {
    await this.api.invoke(funnelsRemove, { id });
  }
}
