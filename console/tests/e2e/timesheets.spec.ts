import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createPerson, expectAccessible, screenshot, signIn, token, unique } from './helpers';

test('an ADMIN approves, locks, exports and reopens a pay period; a USER sees their own timesheet', async ({ page, browser, request }) => {
  const admin = await token(request);
  const worker = await createPerson(request, admin, 'USER', `Tim Sheet ${unique('T')}`, 'Payroll');

  await signIn(page);
  await page.getByRole('link', { name: 'Timesheets' }).click();
  await expect(page.getByRole('heading', { name: 'Timesheets' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(worker.fullName) });
  await expect(row).toContainText('DRAFT');

  // exporting a period with drafts is refused, saying why
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByRole('alert')).toContainText('still drafts');

  await page.getByRole('button', { name: `Approve ${worker.fullName}` }).click();
  await expect(page.getByRole('status')).toHaveText('1 timesheet(s) now approved.');
  await expect(row).toContainText('APPROVED');
  await page.getByRole('button', { name: 'Approve all drafts' }).click();
  await expect(page.getByRole('status')).toContainText('now approved');
  await page.getByRole('button', { name: 'Lock the period' }).click();
  await expect(page.getByRole('status')).toContainText('now locked');
  await expect(row).toContainText('LOCKED');

  // the payroll export of the approved period, downloaded and read
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^payroll-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toContain('employee_code,username,name,department,period_start,period_end,regular_hours');
  expect(csv).toContain(worker.fullName);
  const xlsx = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export XLSX' }).click();
  expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/);
  await expectAccessible(page);
  await screenshot(page, 'timesheets');

  // reopening needs a reason
  await page.getByLabel('Reason for reopening').fill('a late correction for the browser test');
  await page.getByRole('button', { name: `Reopen ${worker.fullName}` }).click();
  await expect(page.getByRole('status')).toHaveText('1 timesheet(s) now draft.');
  await expect(row).toContainText('DRAFT');
  // and the whole period, so the other browser tests can record attendance today again
  await page.getByRole('button', { name: 'Reopen the period' }).click();
  await expect(page.getByRole('status')).toContainText('now draft');

  // the person's own view
  const context = await browser.newContext();
  const own = await context.newPage();
  await signIn(own, worker.username, worker.password);
  await own.getByRole('link', { name: 'My timesheet' }).click();
  await expect(own.getByRole('heading', { name: 'My timesheet' })).toBeVisible();
  await expect(own.getByText('State:')).toContainText('DRAFT');
  await expect(own.getByText('reopened: a late correction for the browser test')).toBeVisible();
  await expect(own.getByRole('table', { name: 'Days' }).getByRole('row')).not.toHaveCount(0);
  await expect(own.getByRole('link', { name: 'Timesheets' })).toHaveCount(0);
  await expectAccessible(own);
  await context.close();
});
