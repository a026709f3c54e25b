import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ADMIN, bearer, createPerson, expectAccessible, screenshot, signIn, token } from './helpers';
import { ENROLL, haveLabelled } from './photos';

const PAGES: { link: string; heading: string; shot: string }[] = [
  { link: 'Today', heading: 'Today', shot: 'today' },
  { link: 'Attendance', heading: 'Attendance report', shot: 'attendance' },
  { link: 'Cameras', heading: 'Cameras', shot: 'cameras' },
  { link: 'Settings', heading: 'Settings', shot: 'settings' },
  { link: 'Audit log', heading: 'Audit log', shot: 'audit-log' },
  { link: 'Health', heading: 'System health', shot: 'health' },
];

async function visitAll(page: Page, suffix: string) {
  for (const p of PAGES) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: p.link, exact: true }).click();
    await expect(page.getByRole('heading', { name: p.heading, level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${p.link}: no sideways scrolling`).toBeLessThanOrEqual(0);
    await screenshot(page, `${p.shot}${suffix}`);
  }
}

test('every main page is accessible and laid out on a 1280x800 laptop', async ({ page }) => {
  await signIn(page);
  await visitAll(page, '');
});

test('every main page is accessible on a 768x1024 tablet', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await signIn(page);
  await visitAll(page, '-tablet');
});

test('the attendance report downloads as CSV that parses', async ({ page, request }) => {
  const admin = await token(request);
  const person = await createPerson(request, admin, 'USER', 'Csv, "Quoted" Person', 'Finance');
  const today = new Date().toISOString().slice(0, 10);
  const corrected = await request.put(`/attendance/users/${person.id}/days/${today}`, {
    headers: bearer(admin), data: { firstIn: `${today}T00:00:00Z`, reason: 'badge left at home' },
  });
  expect(corrected.status(), await corrected.text()).toBe(200);

  await signIn(page);
  await page.getByRole('link', { name: 'Attendance', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^attendance-.*\.csv$/);
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const rows = parseCsv(text);
  const header = rows[0]!;
  const nameColumn = header.indexOf('full_name');
  expect(nameColumn).toBeGreaterThanOrEqual(0);
  const row = rows.find((r) => r[nameColumn] === 'Csv, "Quoted" Person');
  expect(row, text).toBeTruthy();
  expect(row!.length).toBe(header.length);
  expect(row!.join(' ')).toContain('badge left at home');
});

test('a USER sees only themselves, in the console and through the API', async ({ page, request }) => {
  const admin = await token(request);
  const user = await createPerson(request, admin, 'USER', 'Una User', 'Ops');
  const other = await createPerson(request, admin, 'USER', 'Otto Other', 'Ops');

  const photo = readFileSync(ENROLL[0]!);
  if (haveLabelled) {
    expect((await request.post(`/users/${user.id}/faces`, { headers: { ...bearer(admin), 'content-type': 'image/jpeg' }, data: photo })).status()).toBe(201);
  }
  await signIn(page, user.username, user.password);
  await expect(page.getByRole('heading', { name: 'Una User', level: 1 })).toBeVisible();
  await expect(page.getByText(/times in [A-Za-z_/]+/).first()).toBeVisible();
  if (haveLabelled) await expect(page.getByRole('img', { name: /My face image enrolled/ })).toHaveCount(1);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText(['Holidays', 'Leave', 'My attendance', 'My data', 'My timesheet']);
  await page.goto('/console/people');
  await expect(page.getByRole('heading', { name: 'Una User', level: 1 }), 'People is not a USER page').toBeVisible();
  await expect(page.getByText('Otto Other')).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'my-attendance');

  const mine = await token(request, user.username, user.password);
  expect((await request.get(`/attendance/users/${user.id}/days?from=2026-01-01&to=2026-12-31`, { headers: bearer(mine) })).status()).toBe(200);
  expect((await request.get(`/attendance/users/${other.id}/days?from=2026-01-01&to=2026-12-31`, { headers: bearer(mine) })).status()).toBe(404);
  expect((await request.get('/users', { headers: bearer(mine) })).status()).toBe(403);
  expect((await request.get('/attendance/today', { headers: bearer(mine) })).status()).toBe(403);
  expect((await request.get('/profiles', { headers: bearer(mine) })).status()).toBe(403);
  expect((await request.get(`/users/${other.id}/faces`, { headers: bearer(mine) })).status()).toBe(403);
  expect((await (await request.get('/me/faces', { headers: bearer(mine) })).json()).faces.length).toBe(haveLabelled ? 1 : 0);
  if (haveLabelled) {
    // the face is another test's person too: erase it again
    expect((await request.delete(`/users/${user.id}`, { headers: bearer(admin) })).status()).toBe(204);
  }
});

test('an expired session asks to sign in again over the page and keeps what was typed', async ({ page, request }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByRole('button', { name: 'New person' }).click();
  const form = page.getByRole('form', { name: 'New person' });
  await form.getByLabel('Full name').fill('Half Typed Name');

  // every session of this admin ends (as if signed out everywhere from another browser)
  const other = await token(request);
  expect((await request.post('/auth/sign-out-everywhere', { headers: bearer(other) })).status()).toBe(204);
  await page.getByLabel('Search').fill('x');

  const dialog = page.getByRole('dialog', { name: 'Sign in again' });
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await dialog.getByLabel('Username').fill(ADMIN.username);
  await dialog.getByLabel('Password').fill(ADMIN.password);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(form.getByLabel('Full name')).toHaveValue('Half Typed Name');
});

/** RFC 4180: quoted fields, doubled quotes, commas and newlines inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
