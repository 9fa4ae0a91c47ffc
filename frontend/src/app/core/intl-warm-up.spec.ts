import { warmUpIntl } from './intl-warm-up';

describe('warmUpIntl', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes a number and then a date formatter, each in a task of its own, nothing at once', () => {
    const made: string[] = [];
    const formatter = (kind: string) =>
      class {
        constructor() {
          made.push(kind);
        }
        format() {
          return '';
        }
      };
    vi.stubGlobal('Intl', { ...Intl, NumberFormat: formatter('number'), DateTimeFormat: formatter('date') });
    const tasks: Array<() => void> = [];

    warmUpIntl(undefined, (task) => tasks.push(task));
    expect(made).toEqual([]);
    tasks.shift()!();
    expect(made).toEqual(['number']);
    tasks.shift()!();
    expect(made).toEqual(['number', 'date']);
    expect(tasks).toEqual([]);
  });
});
