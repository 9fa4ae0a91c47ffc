import { ChangeCache } from '../src/database/change-cache';
import { Change, ChangeFeed } from '../src/database/change-feed';

const annasHome = { householdId: 'home-a', userIds: ['anna'] };
const ottosHome = { householdId: 'home-b', userIds: ['otto'] };

describe('change feed and the caches that listen to it', () => {
  let feed: ChangeFeed;
  let cache: ChangeCache<string>;
  beforeEach(() => {
    feed = new ChangeFeed();
    cache = new ChangeCache<string>(feed, ['spendings', 'funnels', 'household', 'members', 'sessions']);
  });

  const remember = (key: string, value: string, scope = annasHome) => cache.remember(key, async () => value, () => scope);

  it("keeps an entry through every change of another household or another user", async () => {
    await remember('anna', 'budget of anna');
    feed.publish({ householdId: 'home-b', userIds: [], kind: 'spendings' });
    feed.publish({ householdId: 'home-b', userIds: ['otto'], kind: 'funnels' });
    feed.publish({ householdId: null, userIds: ['otto'], kind: 'sessions' });
    feed.publish({ householdId: 'home-a', userIds: ['bert'], kind: 'funnels' }); // bert's personal funnel, same household
    expect(cache.get('anna')).toBe('budget of anna');
  });

  it('drops it on a change of its household as a whole, or of its user', async () => {
    await remember('anna', 'v1');
    feed.publish({ householdId: 'home-a', userIds: [], kind: 'spendings' });
    expect(cache.get('anna')).toBeUndefined();
    await remember('anna', 'v2');
    feed.publish({ householdId: null, userIds: ['anna'], kind: 'sessions' });
    expect(cache.get('anna')).toBeUndefined();
    await remember('anna', 'v3');
    feed.publish({ householdId: 'home-a', userIds: ['anna'], kind: 'funnels' });
    expect(cache.get('anna')).toBeUndefined();
  });

  it('does not keep what was read while a change of it was published (the next get reads again)', async () => {
    await cache.remember(
      'anna',
      async () => {
        feed.publish({ householdId: 'home-a', userIds: [], kind: 'spendings' });
        return 'read before the change landed';
      },
      () => annasHome,
    );
    expect(cache.get('anna')).toBeUndefined();
  });

  it('takes the scope from what was read, when only the read knows the household', async () => {
    await cache.remember('session-1', async () => 'otto@home-b', () => ottosHome);
    feed.publish({ householdId: 'home-a', userIds: [], kind: 'household' });
    expect(cache.get('session-1')).toBe('otto@home-b');
    feed.publish({ householdId: 'home-b', userIds: [], kind: 'household' });
    expect(cache.get('session-1')).toBeUndefined();
  });

  it('keeps an entry through changes of kinds it is not derived from', async () => {
    const funnelLists = new ChangeCache<string>(feed, ['funnels', 'members']);
    await funnelLists.remember('anna', async () => 'Food, Fuel', () => annasHome);
    feed.publish({ householdId: 'home-a', userIds: [], kind: 'spendings' });
    feed.publish({ householdId: 'home-a', userIds: [], kind: 'household' });
    feed.publish({ householdId: null, userIds: ['anna'], kind: 'sessions' });
    expect(funnelLists.get('anna')).toBe('Food, Fuel');
    feed.publish({ householdId: 'home-a', userIds: [], kind: 'funnels' });
    expect(funnelLists.get('anna')).toBeUndefined();
  });

  it('asks stillValid too', async () => {
    await remember('anna', 'v1');
    expect(cache.get('anna', () => false)).toBeUndefined();
    expect(cache.get('anna', (v) => v === 'v1')).toBe('v1');
  });

  it('tells every listener, even after one fails, until it unsubscribes', () => {
    const seen: Change[] = [];
    feed.subscribe(() => {
      throw new Error('broken listener');
    });
    const stop = feed.subscribe((c) => seen.push(c));
    const change: Change = { householdId: 'home-a', userIds: [], kind: 'spendings' };
    feed.publish(change);
    stop();
    feed.publish(change);
    expect(seen).toEqual([change]);
  });
});
