import { BoundedMap } from '../src/common/bounded-map';

describe('BoundedMap', () => {
  it('keeps at most its limit, dropping the oldest key; updating a key drops nothing', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    map.set('a', 10);
    expect([...map]).toEqual([
      ['a', 10],
      ['b', 2],
    ]);
    map.set('c', 3);
    expect([...map.keys()]).toEqual(['b', 'c']);
  });
});
