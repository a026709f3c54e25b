import { expect, test } from '@playwright/test';
import { baseURL } from '../../playwright.config';
import { createPerson, expectAccessible, screenshot, signIn, token, unique } from './helpers';

const ics = (lines: string[]) => Buffer.from(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//RollCall e2e//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n'));

test('an ADMIN sets up a schedule and holidays, a USER requests leave, the ADMIN approves it, the summary counts it', async ({ page, browser, request }) => {
  const department = unique('Dept');
  const code = 'V' + unique('').toUpperCase().replace(/[^A-Z0-9]/g, '').slice(-8);
  await signIn(page);

  // schedules: a shift type, a Monday-to-Friday pattern, assigned to the department
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedules' }).click();
  await expect(page.getByRole('heading', { name: 'Schedules', level: 1 })).toBeVisible();
  const shiftName = unique('Day ');
  const shiftForm = page.getByRole('form', { name: 'New shift type' });
  await shiftForm.getByLabel('Shift name').fill(shiftName);
  await shiftForm.getByLabel('Start').fill('09:00');
  await shiftForm.getByLabel('End').fill('10:00');
  await shiftForm.getByLabel('Break (min)').fill('90');
  await shiftForm.getByRole('button', { name: 'Add shift type' }).click();
  await expect(page.getByRole('alert')).toContainText('breakMinutes');   // a break longer than the shift
  await shiftForm.getByLabel('End').fill('17:00');
  await shiftForm.getByLabel('Break (min)').fill('30');
  await shiftForm.getByRole('button', { name: 'Add shift type' }).click();
  await expect(page.getByRole('cell', { name: shiftName })).toBeVisible();
  const scheduleName = unique('Office ');
  const scheduleForm = page.getByRole('form', { name: 'New schedule' });
  await scheduleForm.getByLabel('Schedule name').fill(scheduleName);
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
    await scheduleForm.getByLabel(day).selectOption({ label: shiftName });
  }
  await scheduleForm.getByRole('button', { name: 'Add schedule' }).click();
  await expect(page.getByRole('cell', { name: scheduleName })).toBeVisible();
  const assignForm = page.getByRole('form', { name: 'New assignment' });
  await assignForm.getByLabel('Schedule').selectOption({ label: scheduleName });
  await assignForm.getByLabel('Level').selectOption('DEPARTMENT');
  await assignForm.getByLabel('Department', { exact: true }).fill(department);
  await assignForm.getByLabel('Valid from').fill('2026-01-01');
  await assignForm.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByRole('cell', { name: `Department ${department}` })).toBeVisible();
  await assignForm.getByRole('button', { name: 'Assign' }).click();   // the same again overlaps
  await expect(page.getByRole('alert')).toContainText('validFrom');
  // a person's own assignment: found by name, shown by name
  const pat = await createPerson(request, await token(request), 'USER', unique('Pat '), 'Front');
  await assignForm.getByLabel('Level').selectOption('USER');
  await assignForm.getByLabel('Find a person').fill(pat.fullName);
  await expect(assignForm.getByLabel('Person', { exact: true })).toHaveValue(pat.id);   // the one match is picked
  await assignForm.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByRole('cell', { name: `Person ${pat.fullName}` })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'schedules', true);

  // holidays: an ICS import for the department, and a file that is not one
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Holidays' }).click();
  await page.getByLabel('Year').fill('2031');
  await page.getByLabel('Department of the import (empty: everyone)').fill(department);
  await page.getByLabel('ICS calendar file').setInputFiles({ name: 'holidays.ics', mimeType: 'text/calendar', buffer: ics([
    'BEGIN:VEVENT', 'UID:a@e2e', 'DTSTAMP:20300101T000000Z', 'DTSTART;VALUE=DATE:20310101', 'SUMMARY:New Year', 'END:VEVENT',
    'BEGIN:VEVENT', 'UID:b@e2e', 'DTSTAMP:20300101T000000Z', 'DTSTART;VALUE=DATE:20311225', 'SUMMARY:Christmas', 'END:VEVENT',
  ]) });
  await expect(page.getByRole('status')).toHaveText('Imported 2 holiday(s); 0 were already there.');
  await expect(page.getByRole('row', { name: new RegExp(`2031-12-25 Christmas ${department}`) })).toBeVisible();
  await page.getByLabel('ICS calendar file').setInputFiles({ name: 'holidays.csv', mimeType: 'text/csv', buffer: Buffer.from('date,name\n2031-05-01,May Day\n') });
  await expect(page.getByRole('alert')).toContainText('is not an iCalendar');
  await expectAccessible(page);
  await screenshot(page, 'holidays');

  // leave: the ADMIN adds a type; a USER of the department requests leave for themselves
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leave' }).click();
  const typeForm = page.getByRole('form', { name: 'New leave type' });
  const typeName = unique('Vacation ');
  await typeForm.getByLabel('Code').fill(code);
  await typeForm.getByLabel('Leave type name').fill(typeName);
  await typeForm.getByRole('button', { name: 'Add leave type' }).click();
  await expect(page.getByRole('form', { name: 'Request leave' }).getByLabel('Leave type').locator('option', { hasText: typeName })).toHaveCount(1);

  const admin = await token(request);
  const uma = await createPerson(request, admin, 'USER', unique('Uma '), department);
  const userContext = await browser.newContext({ baseURL });
  const userPage = await userContext.newPage();
  await signIn(userPage, uma.username, uma.password);
  await expect(userPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedules' })).toHaveCount(0);
  await userPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leave' }).click();
  const requestForm = userPage.getByRole('form', { name: 'Request leave' });
  await requestForm.getByLabel('Leave type').selectOption({ label: typeName });
  await requestForm.getByLabel('From', { exact: true }).fill('2026-06-10');
  await requestForm.getByLabel('To', { exact: true }).fill('2026-06-11');
  await requestForm.getByRole('button', { name: 'Request leave' }).click();
  await expect(userPage.getByRole('row', { name: /2026-06-10 – 2026-06-11 PENDING/ })).toBeVisible();
  await expect(userPage.getByRole('heading', { name: 'Waiting for a decision' })).toHaveCount(0);
  await expectAccessible(userPage);
  await screenshot(userPage, 'leave-user');

  // the ADMIN approves it
  await page.reload();
  await expect(page.getByRole('row', { name: new RegExp(`^${uma.fullName} ${typeName} 2026-06-10 – 2026-06-11`) })).toBeVisible();
  await page.getByRole('button', { name: `Approve ${typeName} 2026-06-10 – 2026-06-11` }).click();
  await expect(page.getByRole('button', { name: `Approve ${typeName} 2026-06-10 – 2026-06-11` })).toHaveCount(0);
  await screenshot(page, 'leave-approvals');
  await userPage.reload();
  await expect(userPage.getByRole('row', { name: /2026-06-10 – 2026-06-11 APPROVED/ })).toBeVisible();
  await userContext.close();

  // the month: the department's one person, two leave days, absent on the other workdays
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Summary' }).click();
  await page.getByLabel('Month').fill('2026-06');
  await page.getByLabel('Department', { exact: true }).fill(department);
  const row = page.getByRole('region', { name: 'By department' }).getByRole('row', { name: new RegExp(`^${department} 1 `) });
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(5)).toHaveText('2');   // leave days
  await expect(row.getByRole('cell').nth(4)).toHaveText('20');  // June 2026: 22 workdays, 2 on leave, no IN
  await expectAccessible(page);
  await screenshot(page, 'summary');
});
