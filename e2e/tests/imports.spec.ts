import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, Page, test } from '@playwright/test';
import { ApiUser } from '../support/api';
import { signedInPage } from '../support/journey';

/**
 * Coming from another app (#18): a family brings a file from YNAB, Actual Budget, Cashew,
 * Firefly III or the bank (OFX, QIF) to the import page. For each, the dry run names the format
 * and says what is skipped and why; the import stores the money going out, and the rows are
 * there afterwards. The files are the API tests' samples (backend/test/fixtures/import), written
 * from each app's documented layout.
 */

const FIXTURES = join(__dirname, '../../backend/test/fixtures/import');

interface Case {
  file: string;
  format: string;
  /** Rows imported and skipped, as the dry run and then the import say. */
  imported: number;
  skipped: number;
  /** A reason the dry run lists among the skipped. */
  because: RegExp;
}

const CASES: Case[] = [
  { file: 'ynab-register-us.csv', format: 'YNAB (register)', imported: 4, skipped: 3, because: /money coming in/i },
  { file: 'actual-export.csv', format: 'Actual Budget', imported: 5, skipped: 2, because: /split/i },
  { file: 'cashew-export.csv', format: 'Cashew', imported: 3, skipped: 2, because: /another currency/ },
  { file: 'firefly-export.csv', format: 'Firefly III', imported: 4, skipped: 4, because: /other than withdrawals/ },
  { file: 'card-statement-v2.ofx', format: 'a bank statement (OFX)', imported: 2, skipped: 1, because: /money coming in/i },
  { file: 'quicken-us.qif', format: 'a bank statement (QIF)', imported: 5, skipped: 3, because: /transfer/i },
];

async function openImport(page: Page): Promise<void> {
  await page.goto('/settings');
  await page.getByRole('link', { name: /^Import spendings/ }).click();
  await expect(page.getByRole('heading', { name: 'Import spendings' })).toBeVisible();
}

function choose(page: Page, file: string): Promise<void> {
  return page.getByTestId('import-file').setInputFiles({ name: file, mimeType: 'application/octet-stream', buffer: readFileSync(join(FIXTURES, file)) });
}

for (const c of CASES) {
  test(`import from ${c.format}: the format is named, what is skipped says why, the money going out is stored`, async ({ browser }) => {
    const user = await ApiUser.register('mover');
    const page = await signedInPage(browser, user);
    await openImport(page);
    await choose(page, c.file);
    await expect(page.getByTestId('import-format')).toContainText(`Recognised as ${c.format}.`);
    await expect(page.getByTestId('import-preview')).toContainText(`${c.imported} would be imported, ${c.skipped} skipped`);
    await expect(page.getByTestId('import-skipped')).toContainText(c.because);
    // Every category the family has no funnel for becomes one (the page's default), so nothing is lost to the mapping.
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('import-result')).toContainText(`${c.imported} imported, ${c.skipped} skipped`);
    const stored = (await user.funnels()).reduce((n, f) => n + f.spendingCount, 0);
    expect(stored).toBe(c.imported);
    // Importing the same bank statement again adds nothing (its transaction ids are remembered).
    if (c.file.endsWith('.ofx')) {
      await openImport(page);
      await choose(page, c.file);
      await expect(page.getByTestId('import-preview')).toContainText(`0 would be imported, ${c.imported + c.skipped} skipped`);
      await expect(page.getByTestId('import-confirm')).toBeDisabled();
    }
  });
}

test('a YNAB file whose dates could be read both ways: the page asks, and imports them read day first', async ({ browser }) => {
  const user = await ApiUser.register('mover');
  const page = await signedInPage(browser, user);
  await openImport(page);
  await choose(page, 'ynab-register-ambiguous.csv');
  await expect(page.getByRole('alert')).toContainText('03/04/2024');
  const order = page.getByTestId('date-order');
  await expect(order).toContainText('How are they written?');
  await order.getByLabel('Day first (DD/MM/YYYY)').check();
  await expect(page.getByTestId('import-date-order')).toHaveText('Dates are read day first (03/04 is 3 April).');
  await expect(page.getByTestId('import-preview')).toContainText('3 would be imported');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-result')).toContainText('3 imported');
});
