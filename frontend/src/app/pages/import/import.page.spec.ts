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
  format: 'simple', dryRun, imported: 2, skipped: 1, createdFunnels, summary: 'from the server, in English',
  skippedByReason: [{ code: 'amountInvalid', reason: 'the amount is not a number', rows: 1 }],
  problems: [{ line: 4, code: 'amountInvalid', reason: 'amount must be a number', message: 'amount must be a number' }], unknownFunnels: dryRun ? [{ name: 'Petrol', rows: 2 }] : [],
});
const OFX = 'OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST>\n<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240115<TRNAMT>-12.50<FITID>1<NAME>Bakery\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n';
const YNAB = '"Account","Flag","Date","Payee","Category Group/Category","Category Group","Category","Memo","Outflow","Inflow","Cleared"\n"Checking","","03/04/2024","Shop","Needs: Food","Needs","Food","","$12.50","$0.00","Cleared"\n';

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
    const pick = (file: File) => {
      const input = el.querySelector<HTMLInputElement>('[data-testid="import-file"]')!;
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
    };
    const chooseFile = async () => {
      pick(new File([CSV], 'march.csv', { type: 'text/csv' }));
      await vi.waitFor(() => http.expectOne((r) => r.url === '/api/spendings/import').flush(result(true)));
      await vi.waitFor(() => http.expectOne((r) => r.url === '/api/spendings/import').flush(result(true)));
      await update();
    };
    return { el, update, chooseFile, pick };
  }

  it('checks the file first, says what would happen and why rows are skipped, then imports', async () => {
    const { el, update, chooseFile } = await render();
    expect(text(el.querySelector('h1'))).toBe('Import spendings');
    expect(text(el.querySelector('p'))).toContain('YNAB, Actual Budget, Cashew or Firefly III, or a statement from your bank (OFX or QIF)');
    expect(text(el.querySelector('.formats'))).toContain('the columns date,amount,funnel,note (dates like 2026-03-10, amounts like 12.50)');
    expect(el.querySelectorAll('.formats dt')).toHaveLength(8);
    expect(el.querySelectorAll('.formats p code')).toHaveLength(3);
    await chooseFile();
    expect(text(el.querySelector('[data-testid="import-format"]'))).toMatch(/^Recognised as a simple CSV \(date, amount, funnel, note\)\. A spreadsheet saved as CSV/);
    expect(text(el.querySelector('[data-testid="import-preview"]'))).toBe('2 would be imported, 1 skipped.');
    expect(text(el.querySelector('[data-testid="import-skipped"]'))).toBe('1 row: the amount is not a number');
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

  it('sends a bank statement as OFX and names the format, what is skipped and why', async () => {
    const { el, update, pick } = await render();
    pick(new File([OFX], 'statement.ofx'));
    const dry = await vi.waitFor(() => http.expectOne((r) => r.url === '/api/spendings/import'));
    expect(dry.request.headers.get('Content-Type')).toBe('application/x-ofx');
    expect(dry.request.body).toBe(OFX);
    expect(dry.request.params.get('dryRun')).toBe('true');
    dry.flush({
      ...result(true), format: 'ofx', imported: 1, skipped: 3, unknownFunnels: [],
      skippedByReason: [{ code: 'income', reason: 'money coming in', rows: 2 }, { code: 'alreadyImported', reason: 'imported before', rows: 1 }],
      problems: [],
    } satisfies ImportResultDto);
    await update();
    expect(text(el.querySelector('[data-testid="import-format"]'))).toContain('Recognised as a bank statement (OFX). From your bank’s online banking');
    expect([...el.querySelectorAll('[data-testid="import-skipped"] li')].map(text)).toEqual(['2 rows: money coming in', '1 row: imported before']);
    expect(el.querySelector('.problems')).toBeNull();
  });

  it('asks how dates are written when the file cannot tell, and checks it again read that way', async () => {
    const { el, update, pick } = await render();
    pick(new File([YNAB], 'register.csv', { type: 'text/csv' }));
    const first = await vi.waitFor(() => http.expectOne((r) => r.url === '/api/spendings/import'));
    expect(first.request.headers.get('Content-Type')).toBe('text/csv');
    first.flush(
      { statusCode: 400, error: 'Bad Request', reason: 'dates_ambiguous', message: 'Dates like "03/04/2024" can be read month first or day first; say which (dateOrder)' },
      { status: 400, statusText: 'Bad Request' },
    );
    await update();
    expect(text(el.querySelector('[role="alert"]'))).toContain('03/04/2024');
    const choice = el.querySelector('[data-testid="date-order"]')!;
    expect(text(choice.querySelector('legend'))).toBe('The dates in this file can be read two ways. How are they written?');
    choice.querySelector<HTMLInputElement>('input[value="dmy"]')!.click();
    const again = await vi.waitFor(() => http.expectOne((r) => r.url === '/api/spendings/import'));
    expect(again.request.params.get('dateOrder')).toBe('dmy');
    again.flush({ ...result(true), format: 'ynab', dateOrder: 'dmy', unknownFunnels: [] } satisfies ImportResultDto);
    await update();
    expect(el.querySelector('[role="alert"]')).toBeNull();
    expect(text(el.querySelector('[data-testid="import-format"]'))).toContain('Recognised as YNAB (register).');
    expect(text(el.querySelector('[data-testid="import-date-order"]'))).toBe('Dates are read day first (03/04 is 3 April).');
    el.querySelector<HTMLButtonElement>('[data-testid="import-confirm"]')!.click();
    await settle();
    const run = http.expectOne((r) => r.url === '/api/spendings/import');
    expect(run.request.params.get('dateOrder')).toBe('dmy');
    run.flush({ ...result(false), format: 'ynab', dateOrder: 'dmy' } satisfies ImportResultDto);
    await update();
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
