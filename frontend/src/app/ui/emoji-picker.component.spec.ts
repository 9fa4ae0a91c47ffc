import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { isSingleEmoji } from '../core/emoji';
import { I18n, loadAreas } from '../core/i18n';
import { EmojiPickerComponent } from './emoji-picker.component';
import { EMOJI, emojiEntries, searchEmoji } from './emoji-list';

@Component({
  imports: [EmojiPickerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<app-emoji-picker inputId="pick" [(value)]="emoji" />`,
})
class Host {
  emoji = '💶';
  readonly unused = signal(0);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('emoji list', () => {
  beforeEach(async () => {
    await loadAreas('settings');
  });
  afterEach(async () => {
    await TestBed.inject(I18n).use('en');
    localStorage.removeItem('stracker.locale');
  });
  it('holds about a hundred common budgeting emoji, each one emoji the API accepts, each once', () => {
    expect(EMOJI.length).toBeGreaterThanOrEqual(90);
    expect(EMOJI.length).toBeLessThanOrEqual(130);
    expect(EMOJI.filter((e) => !isSingleEmoji(e.emoji))).toEqual([]);
    expect(new Set(EMOJI.map((e) => e.emoji)).size).toBe(EMOJI.length);
  });

  it('finds by the start of a word of the name or the keywords, all words at once', () => {
    const car = searchEmoji('car').map((e) => e.emoji);
    expect(car).toEqual(expect.arrayContaining(['🚗', '⛽', '🅿️', '🔧']));
    expect(car).not.toContain('🍞');
    expect(searchEmoji('PET').map((e) => e.emoji)).toEqual(expect.arrayContaining(['🐶', '🐱', '🐾', '⛽'])); // petrol starts with "pet" too
    expect(searchEmoji('pet food').map((e) => e.emoji)).toEqual(['🦴']);
    expect(searchEmoji('  ').length).toBe(EMOJI.length);
    expect(searchEmoji('zzz')).toEqual([]);
    expect(searchEmoji('🐶').map((e) => e.emoji)).toEqual(['🐶']);
  });

  it('names each emoji and finds it by words of the app\'s language, and by the English ones after them', async () => {
    expect(emojiEntries().every((e) => e.name.trim() !== '' && !e.name.startsWith('settings.'))).toBe(true);
    await TestBed.inject(I18n).use('de');
    expect(emojiEntries().find((e) => e.emoji === '⛽')!.name).toBe('Tanken');
    expect(searchEmoji('auto').map((e) => e.emoji)).toEqual(expect.arrayContaining(['🚗', '⛽', '🅿️', '🔧']));
    expect(searchEmoji('petrol').map((e) => e.emoji)).toEqual(['⛽']);
    await TestBed.inject(I18n).use('ru');
    expect(searchEmoji('кофе').map((e) => e.emoji)).toEqual(['☕']);
    expect(searchEmoji('Собака').map((e) => e.emoji)).toEqual(expect.arrayContaining(['🐶', '🦴']));
    await TestBed.inject(I18n).use('he');
    expect(searchEmoji('רכב').map((e) => e.emoji)).toEqual(expect.arrayContaining(['🚗', '⛽', '🅿️']));
  });
});

describe('EmojiPickerComponent', () => {
  beforeEach(async () => {
    await loadAreas('settings');
    TestBed.configureTestingModule({ imports: [Host] });
  });
  afterEach(async () => {
    await TestBed.inject(I18n).use('en');
    localStorage.removeItem('stracker.locale');
  });

  async function render() {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    const update = async () => {
      fixture.detectChanges();
      await settle();
      fixture.detectChanges();
    };
    const toggle = el.querySelector<HTMLButtonElement>('[data-testid="emoji-picker-toggle"]')!;
    const options = () => [...el.querySelectorAll<HTMLButtonElement>('[data-testid="emoji-option"]')];
    const key = async (target: Element, k: string) => {
      target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
      await update();
    };
    return { fixture, el, toggle, options, update, key, host: fixture.componentInstance };
  }

  it('takes any single emoji typed into its field', async () => {
    const { el, host, update } = await render();
    const field = el.querySelector<HTMLInputElement>('#pick')!;
    expect(el.querySelector('label[for="pick"]')!.textContent).toBe('Emoji');
    expect(field.value).toBe('💶');
    field.value = '🦄';
    field.dispatchEvent(new Event('input'));
    await update();
    expect(host.emoji).toBe('🦄');
  });

  it('opens a list to search by word and pick with a tap', async () => {
    const { el, toggle, options, update, host } = await render();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await update();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(options().length).toBe(EMOJI.length);
    // The search has the focus on a computer.
    const search = el.querySelector<HTMLInputElement>('[data-testid="emoji-picker-search"]')!;
    expect(document.activeElement).toBe(search);
    search.value = 'dog';
    search.dispatchEvent(new Event('input'));
    await update();
    expect(options().map((o) => o.textContent!.trim())).toEqual(['🐶', '🦴']);
    expect(options()[0].getAttribute('aria-label')).toBe('dog');
    expect(el.querySelector('[role="status"]')!.textContent).toBe('2 matches');
    options()[1].click();
    await update();
    expect(host.emoji).toBe('🦴');
    expect(el.querySelector('[data-testid="emoji-picker"]')).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });

  it('is operable from the keyboard: ↓ into the list, arrows, Enter in the search, Escape', async () => {
    const { el, toggle, options, update, key, host } = await render();
    document.body.appendChild(el); // focus needs the document
    toggle.click();
    await update();
    const search = el.querySelector<HTMLInputElement>('[data-testid="emoji-picker-search"]')!;
    search.value = 'car';
    search.dispatchEvent(new Event('input'));
    await update();
    await key(search, 'ArrowDown');
    expect(document.activeElement).toBe(options()[0]);
    expect(options()[0].tabIndex).toBe(0);
    await key(options()[0], 'ArrowRight');
    expect(document.activeElement).toBe(options()[1]);
    expect(options()[1].tabIndex).toBe(0);
    expect(options()[0].tabIndex).toBe(-1);
    await key(options()[1], 'End');
    expect(document.activeElement).toBe(options()[options().length - 1]);
    await key(document.activeElement!, 'Home');
    expect(document.activeElement).toBe(options()[0]);
    await key(options()[0], 'ArrowUp');
    expect(document.activeElement).toBe(search);
    await key(search, 'Escape');
    expect(el.querySelector('[data-testid="emoji-picker"]')).toBeNull();
    expect(document.activeElement).toBe(toggle);
    expect(host.emoji).toBe('💶');

    // Enter in the search picks the first match (and submits no form).
    toggle.click();
    await update();
    const again = el.querySelector<HTMLInputElement>('[data-testid="emoji-picker-search"]')!;
    again.value = 'fuel';
    again.dispatchEvent(new Event('input'));
    await update();
    await key(again, 'Enter');
    expect(host.emoji).toBe('⛽');
    el.remove();
  });

  it('says so when nothing matches, and points to typing the emoji', async () => {
    const { el, toggle, update } = await render();
    toggle.click();
    await update();
    const search = el.querySelector<HTMLInputElement>('[data-testid="emoji-picker-search"]')!;
    search.value = 'xylophone';
    search.dispatchEvent(new Event('input'));
    await update();
    expect(el.querySelector('[data-testid="emoji-picker-none"]')!.textContent).toContain('type or paste any emoji');
  });

  it('speaks the chosen language: label, search, names and the count', async () => {
    await TestBed.inject(I18n).use('ru');
    const { el, toggle, options, update } = await render();
    expect(el.querySelector('label[for="pick"]')!.textContent).toBe('Эмодзи');
    toggle.click();
    await update();
    const search = el.querySelector<HTMLInputElement>('[data-testid="emoji-picker-search"]')!;
    expect(search.placeholder).toBe('еда, машина, питомец…');
    search.value = 'собака';
    search.dispatchEvent(new Event('input'));
    await update();
    expect(options()[0].getAttribute('aria-label')).toBe('собака');
    expect(el.querySelector('[role="status"]')!.textContent).toBe('2 совпадения');
    search.value = 'ксилофон';
    search.dispatchEvent(new Event('input'));
    await update();
    expect(el.querySelector('[data-testid="emoji-picker-none"]')!.textContent).toContain('«ксилофон»');
  });

  it('right to left (Hebrew), ← moves forward through the list and → back', async () => {
    await TestBed.inject(I18n).use('he');
    const { el, toggle, options, update, key } = await render();
    document.body.appendChild(el);
    toggle.click();
    await update();
    const search = el.querySelector<HTMLInputElement>('[data-testid="emoji-picker-search"]')!;
    search.value = 'רכב';
    search.dispatchEvent(new Event('input'));
    await update();
    await key(search, 'ArrowDown');
    expect(document.activeElement).toBe(options()[0]);
    await key(options()[0], 'ArrowLeft');
    expect(document.activeElement).toBe(options()[1]);
    await key(options()[1], 'ArrowRight');
    expect(document.activeElement).toBe(options()[0]);
    el.remove();
  });
});
