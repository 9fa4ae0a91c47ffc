import { Injectable, inject } from '@angular/core';
import { Api } from '../api/api';
import { fixedCostsCreate } from '../api/fn/fixed-costs/fixed-costs-create';
import { fixedCostsList } from '../api/fn/fixed-costs/fixed-costs-list';
import { fixedCostsRemove } from '../api/fn/fixed-costs/fixed-costs-remove';
import { fixedCostsSkip } from '../api/fn/fixed-costs/fixed-costs-skip';
import { fixedCostsUnskip } from '../api/fn/fixed-costs/fixed-costs-unskip';
import { fixedCostsUpdate } from '../api/fn/fixed-costs/fixed-costs-update';
import { FixedCostDto, FixedCostInputDto } from '../api/models';
import { UserState } from './user-state';

/**
 * The fixed costs this user sees (those of the funnels they see: rent, subscriptions, school
 * fees), and the one way to add, change, skip and delete one. Each change answers with the
 * fixed cost as the server has it now (its next due date, its skipped dates), which replaces
 * the one in the list: no second request. The list is in the server's order (oldest first).
 */
@Injectable({ providedIn: 'root' })
export class FixedCostsStore {
  private readonly api = inject(Api);
  private readonly state = new UserState<FixedCostDto[]>();

  /** As the server last said (null until loaded). */
  readonly fixedCosts = this.state.value;

  /** Fetches the list afresh; rejects with the server's error. */
  async load(): Promise<FixedCostDto[]> {
    return this.state.set(await this.api.invoke(fixedCostsList, {}));
  }

  async create(input: FixedCostInputDto): Promise<FixedCostDto> {
    const created = await this.api.invoke(fixedCostsCreate, { body: input });
    this.change((list) => [...list.filter((c) => c.id !== created.id), created]);
    return created;
  }

  /** Changes it from now on: due dates already posted keep their spendings. */
  async update(id: string, input: FixedCostInputDto): Promise<FixedCostDto> {
    return this.replace(await this.api.invoke(fixedCostsUpdate, { id, body: input }));
  }

  /** Leaves out one due date (`YYYY-MM-DD`, not posted yet): nothing is posted that day. */
  async skip(id: string, dueOn: string): Promise<FixedCostDto> {
    return this.replace(await this.api.invoke(fixedCostsSkip, { id, body: { dueOn } }));
  }

  /** Takes back a skip: that due date is posted after all. */
  async unskip(id: string, dueOn: string): Promise<FixedCostDto> {
    return this.replace(await this.api.invoke(fixedCostsUnskip, { id, dueOn }));
  }

  /** Deletes it; the spendings it posted already stay. */
  async remove(id: string): Promise<void> {
    await this.api.invoke(fixedCostsRemove, { id });
    this.change((list) => list.filter((c) => c.id !== id));
  }

  private replace(fixedCost: FixedCostDto): FixedCostDto {
    this.change((list) => list.map((c) => (c.id === fixedCost.id ? fixedCost : c)));
    return fixedCost;
  }

  /** Changes the list as loaded (nothing to change before the first load). */
  private change(update: (list: FixedCostDto[]) => FixedCostDto[]): void {
    const list = this.fixedCosts();
    if (list) this.state.set(update(list));
  }
}
