import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { SpendingDto } from '../api/models';
import { localDay, moveToDay } from '../core/household-dates';
import { I18n, loadAreas } from '../core/i18n';
import { SpendingDialogActions, SpendingDialogComponent } from './spending-dialog.component';

const SPENDING: SpendingDto = {
  id: 's1', funnelId: 'food', amount: 12.5, spentAt: '2026-03-29T10:30:00.000Z', note: 'bread',
  fixedCostId: null, createdBy: { id: 'u1', username: 'mom' }, createdAt: '2026-03-29T10:30:00.000Z', updatedAt: '2026-03-29T10:30:00.000Z',
};
const FUNNELS = [{ id: 'food', name: 'Food', emoji: '🍞' }, { id: 'fuel', name: 'Fuel', emoji: '⛽' }];
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('days in the household time zone', () => {
  it('reads the calendar day of an instant where the household is', () => {
    expect(localDay('2026-03-29T22:30:00.000Z', 'Europe/Berlin')).toBe('2026-03-30');
    expect(localDay('2026-03-29T22:30:00.000Z', 'America/New_York')).toBe('2026-03-29');
  });

  it('moves a spending to another day at the same time of day, across a change of summer time', () => {
    // 12:30 in Berlin on 29 March (summer time, UTC+2) moved to 28 March (winter time, UTC+1) is still 12:30 there.
    expect(moveToDay('2026-03-29T10:30:00.000Z', '2026-03-28', 'Europe/Berlin')).toBe('2026-03-28T11:30:00.000Z');
    expect(moveToDay('2026-03-29T10:30:00.000Z', '2026-04-02', 'Europe/Berlin')).toBe('2026-04-02T10:30:00.000Z');
    // 23:59:59 on New Year's Eve in New York is already 1 January in UTC.
    expect(moveToDay('2026-01-01T04:59:59.250Z', '2025-12-30', 'America/New_York')).toBe('2025-12-31T04:59:59.250Z');
  });
});

describe('SpendingDialogComponent', () => {
  // jsdom has no modal dialogs: enough of one to open and close, put back afterwards.
  const dialog = HTMLDialogElement.prototype as Partial<HTMLDialogElement>;
  const original = { showModal: dialog.showModal, close: dialog.close };
  beforeAll(() => {
    dialog.showModal = function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    dialog.close = function (this: HTMLDialogElement) {
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    };
  });
  afterAll(() => Object.assign(dialog, original));
  beforeEach(() => loadAreas('dashboard'));
  afterEach(() => TestBed.inject(I18n).use('en', false));

  async function render(actions: SpendingDialogActions, spending: SpendingDto = SPENDING) {
    const fixture = TestBed.createComponent(SpendingDialogComponent);
    fixture.componentRef.setInput('actions', actions);
    fixture.componentRef.setInput('funnels', FUNNELS);
    fixture.componentRef.setInput('timeZone', 'Europe/Berlin');
    fixture.componentRef.setInput('currency', 'EUR');
    await fixture.whenStable();
    fixture.componentInstance.open(spending);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const field = <T extends HTMLElement>(id: string) => el.querySelector<T>('#' + id)!;
    const button = (label: string) => [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label)!;
    const type = async (id: string, value: string) => {
      const input = field<HTMLInputElement>(id);
      input.value = value;
      input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
      await fixture.whenStable();
    };
    return { fixture, el, field, button, type };
  }

  it('saves the changed amount, funnel, day and note, keeping the time of day', async () => {
    const save = vi.fn().mockResolvedValue(undefined);
    const { fixture, el, field, button, type } = await render({ save, remove: vi.fn() });
    expect(field<HTMLInputElement>('spending-amount').value).toBe('12.5');
    expect(field<HTMLInputElement>('spending-day').value).toBe('2026-03-29');
    await type('spending-amount', '20,40');
    await type('spending-funnel', 'fuel');
    await type('spending-day', '2026-03-28');
    await type('spending-note', '  rolls  ');
    button('Save').click();
    await settle();
    await fixture.whenStable();
    expect(save).toHaveBeenCalledWith(SPENDING, { funnelId: 'fuel', amount: 20.4, spentAt: '2026-03-28T11:30:00.000Z', note: 'rolls' });
    expect(el.querySelector('dialog')!.hasAttribute('open')).toBe(false);
  });

  it('keeps the instant as it was when the day is unchanged, and leaves out an emptied note', async () => {
    const save = vi.fn().mockResolvedValue(undefined);
    const { fixture, button, type } = await render({ save, remove: vi.fn() });
    await type('spending-note', '');
    button('Save').click();
    await settle();
    expect(save).toHaveBeenCalledWith(SPENDING, { funnelId: 'food', amount: 12.5, spentAt: SPENDING.spentAt });
    await fixture.whenStable();
  });

  it("says a fixed cost recorded the spending, and still saves a change to it", async () => {
    const save = vi.fn().mockResolvedValue(undefined);
    const rent = { ...SPENDING, note: 'Rent', amount: 1000, fixedCostId: 'fc-rent' };
    const { fixture, el, button, type } = await render({ save, remove: vi.fn() }, rent);
    expect(text(el.querySelector('[data-testid="fixed-note"]'))).toBe('Recorded from a fixed cost. A change here changes this spending only; the fixed cost is in Settings.');
    await type('spending-amount', '950');
    button('Save').click();
    await settle();
    await fixture.whenStable();
    expect(save).toHaveBeenCalledWith(rent, { funnelId: 'food', amount: 950, spentAt: rent.spentAt, note: 'Rent' });
  });

  it('refuses an amount it cannot send, and stays open with the reason', async () => {
    const save = vi.fn();
    const { fixture, el, button, type } = await render({ save, remove: vi.fn() });
    await type('spending-amount', '2000000000');
    button('Save').click();
    await fixture.whenStable();
    expect(save).not.toHaveBeenCalled();
    expect(text(el.querySelector('#spending-amount-error'))).toContain('up to 1,000,000,000');
  });

  it('deletes only after asking, and shows a refusal in words', async () => {
    const remove = vi.fn().mockRejectedValueOnce(new HttpErrorResponse({ status: 404, error: { statusCode: 404, error: 'Not Found', message: 'Spending not found' } })).mockResolvedValue(undefined);
    const { fixture, el, button } = await render({ save: vi.fn(), remove });
    button('Delete').click();
    await fixture.whenStable();
    expect(remove).not.toHaveBeenCalled();
    expect(text(el.querySelector('h2'))).toBe('Delete this spending?');
    expect(text(el.querySelector('p'))).toMatch(/^€12\.50 from Food on .*2026 will be gone for good\.$/);
    el.querySelector<HTMLButtonElement>('[data-testid="confirm-delete"]')!.click();
    await settle();
    await fixture.whenStable();
    expect(text(el.querySelector('.error-box'))).toBe('Spending not found');
    el.querySelector<HTMLButtonElement>('[data-testid="confirm-delete"]')!.click();
    await settle();
    await fixture.whenStable();
    expect(remove).toHaveBeenCalledTimes(2);
    expect(el.querySelector('dialog')!.hasAttribute('open')).toBe(false);
  });

  it("speaks the app's language, and switches with it while open", async () => {
    await TestBed.inject(I18n).use('de', false);
    const { fixture, el, button } = await render({ save: vi.fn(), remove: vi.fn() });
    expect([...el.querySelectorAll('label')].map(text)).toEqual(['Betrag', 'Topf', 'Tag', 'Notiz optional']);
    expect(button('Speichern')).toBeDefined();
    button('Löschen').click();
    await fixture.whenStable();
    expect(text(el.querySelector('h2'))).toBe('Diese Ausgabe löschen?');
    expect(text(el.querySelector('p')).replace(/\u00a0/g, ' ')).toMatch(/^12,50 € aus Food vom .*2026 sind dann endgültig weg\.$/);
    await TestBed.inject(I18n).use('he', false);
    await fixture.whenStable();
    expect(document.documentElement.dir).toBe('rtl');
    expect(text(el.querySelector('h2'))).toBe('למחוק את ההוצאה הזו?');
    expect(text(el.querySelector('p'))).toContain('\u2068Food\u2069');
  });
});
