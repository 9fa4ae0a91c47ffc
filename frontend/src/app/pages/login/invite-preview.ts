import { HttpErrorResponse } from '@angular/common/http';
import { Api } from '../../api/api';
import { authInvite } from '../../api/fn/auth/auth-invite';
import { InviteHouseholdDto } from '../../api/models';
import { publicContext } from '../../core/auth.service';

/** What an invite code leads to, as far as this device can tell before registering. */
export type InviteLookup =
  | { readonly state: 'loading' }
  | { readonly state: 'household'; readonly household: InviteHouseholdDto }
  | { readonly state: 'new-household' }
  /** Unknown, used or expired (404), or not a code at all (400): only a new invite helps. */
  | { readonly state: 'dead' }
  /** Offline or the server failed: register/start stays the judge. */
  | { readonly state: 'unknown' };

export async function lookUpInvite(api: Api, code: string): Promise<InviteLookup> {
  try {
    const preview = await api.invoke(authInvite, { code }, publicContext());
    return preview.kind === 'household' && preview.household ? { state: 'household', household: preview.household } : { state: 'new-household' };
  } catch (error) {
    const dead = error instanceof HttpErrorResponse && (error.status === 404 || error.status === 400);
    return { state: dead ? 'dead' : 'unknown' };
  }
}
