import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { FunnelDto, ImportResultDto } from '../../api/models';
import { I18n, loadAreas } from '../../core/i18n';
import { ImportPage } from './import.page';

const FUEL: FunnelDto = {
  id: 'f-fuel', name: 'Fuel', emoji: '⛽', color: '#ffa500', limit: 100, shared: false, rollover: false, ownerId: 'anna', spendingCount: 0, createdAt: '2026-04-01T00:00:00.000Z',
};
const CSV = 'date,amount,funnel,note\n2026-03-10,12.50,Petrol,\n2026-03-11,3,Petrol,\n2026-03-12,x,Fuel,\n';
const result = (dryRun: boolean, createdFunnels: string[] = []): ImportResultDto => ({
  dryRun, imported: 2, skipped: 1, createdFunnels, summary: 'from the server, in English',
  problems: [{ line: 4, message: 'amount must be a number' }], unknownFunnels: dryRun ? [{ name: 'Petrol', rows: 2 }] : [],
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('ImportPage', () => {
  let http: HttpTestingController;

  beforeEach(async () => {
    await loadAreas('settings');
    TestBed.configureTestingModule({ imports: [ImportPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(async () => {
    http.verify();
    await TestBed.inject(I18n).use('en');
    localStorage.removeItem('stracker.locale');
  });

  async function render() {
    const fixture = TestBed.createComponent(ImportPage);
    fixture.detectChanges();
    http.expectOne('/api/funnels').flush([FUEL]);
    const update = async () => {
      await settle();
      await fixture.whenStable();
      fixture.detectChanges();
      await fixture.whenStable();
      fixture.detectChanges();
    };
    await update();
    const el = fixture.nativeElement as HTMLElement;
    /** Chooses the file: a dry run, then (new funnel names start as "create") the dry run with that mapping. */
    const chooseFile = async () => {
      const input = el.querySelector<HTMLInputElement>('[data-testid="import-file"]')!;
      Object.defineProperty(input, 'files', { value: [new File([CSV], 'march.csv', { type: 'text/csv' })] });
      input.dispatchEvent(new Event('change'));
      await vi.waitFor(() => http.expectOne((r) => r.url === '/api/spendings/import').flush(result(true)));
      await vi.waitFor(() => http.expectOne((r) => r.url === '/api/spendings/import').flush(result(true)));
      await update();
    };
    return { el, update, chooseFile };
  }

  it('checks the file first, says what would happen and why rows are skipped, then imports', async () => {
    const { el, update, chooseFile } = await render();
    expect(text(el.querySelector('h1'))).toBe('Import spendings');
    expect(text(el.querySelector('p'))).toContain('the columns date,amount,funnel,note (dates like 2026-03-10, amounts like 12.50)');
    expect(el.querySelectorAll('p code')).toHaveLength(3);
    await chooseFile();
    expect(text(el.querySelector('[data-testid="import-preview"]'))).toBe('2 would be imported, 1 skipped.');
    expect(text(el.querySelector('label[for="map-0"]'))).toBe('Petrol (2 rows)');
    expect([...el.querySelectorAll<HTMLOptionElement>('#map-0 option')].map((o) => text(o))).toEqual(['Create a funnel “Petrol”', 'Skip these rows', 'Put into ⛽ Fuel']);
    expect(text(el.querySelector('.problems li'))).toBe('Line 4: amount must be a number');
    const confirm = el.querySelector<HTMLButtonElement>('[data-testid="import-confirm"]')!;
    expect(text(confirm)).toBe('Import 2 spendings');
    confirm.click();
    await settle();
    const run = http.expectOne((r) => r.url === '/api/spendings/import');
    expect(run.request.params.get('dryRun')).toBeNull();
    expect(JSON.parse(run.request.params.get('mapping')!)).toEqual({ Petrol: 'create' });
    run.flush(result(false, ['Petrol']));
    await update();
    const done = el.querySelector('[data-testid="import-result"]')!;
    expect(text(done)).toContain('2 imported, 1 skipped.');
    expect(text(done)).toContain('New funnels: Petrol (limit 0 — set one in Settings).');
  });

  it('speaks Russian, with its plural forms', async () => {
    await TestBed.inject(I18n).use('ru');
    const { el, chooseFile } = await render();
    expect(text(el.querySelector('h1'))).toBe('Импорт трат');
    await chooseFile();
    expect(text(el.querySelector('[data-testid="import-preview"]'))).toBe('Будет импортировано: 2, пропущено: 1.');
    expect(text(el.querySelector('label[for="map-0"]'))).toBe('Petrol (2 строки)');
    expect(text(el.querySelector('[data-testid="import-confirm"]'))).toBe('Импортировать 2 траты');
  });
});
