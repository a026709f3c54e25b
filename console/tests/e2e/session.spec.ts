import { expect, test } from '@playwright/test';
import { ADMIN, bearer, createPerson, expectAccessible, screenshot, signIn, token } from './helpers';

test('an admin signs in, stays signed in across a reload, and signs out', async ({ page }) => {
  await page.goto('/console/');
  await expect(page.getByRole('heading', { name: 'Sign in to RollCall' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'sign-in');

  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();

  const cookies = await page.context().cookies();
  const refresh = cookies.find((c) => c.name === 'rollcall_refresh');
  expect(refresh?.httpOnly).toBe(true);
  expect(refresh?.sameSite).toBe('Strict');
  expect(refresh?.path).toBe('/auth');
  expect(await page.evaluate(() => document.cookie)).not.toContain('rollcall_refresh');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByText(ADMIN.username, { exact: true }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to RollCall' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to RollCall' })).toBeVisible();
});

test('a replayed refresh token is refused and ends the whole sign-in', async ({ page, baseURL }) => {
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  const stolen = (await page.context().cookies()).find((c) => c.name === 'rollcall_refresh')!.value;

  await page.reload();   // the console rotates the cookie
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();

  const replay = await page.request.post('/auth/refresh', {
    headers: { origin: baseURL!, cookie: `rollcall_refresh=${stolen}` },
  });
  expect(replay.status()).toBe(401);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to RollCall' }), 'the victim is signed out too').toBeVisible();
});

test('a refresh from another origin is refused', async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === 'rollcall_refresh')!.value;

  const forged = await page.request.post('/auth/refresh', {
    headers: { origin: 'https://evil.example', cookie: `rollcall_refresh=${cookie}` },
  });
  expect(forged.status()).toBe(403);
});

test('a deactivated ADMIN is signed out within 60 seconds', async ({ page, request }) => {
  test.setTimeout(120_000);
  const admin = await token(request);
  const second = await createPerson(request, admin, 'ADMIN', 'Second Admin');
  await signIn(page, second.username, second.password);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();

  const deactivated = await request.post(`/users/${second.id}/deactivate`, { headers: bearer(admin) });
  expect(deactivated.status()).toBe(204);

  await expect(page.getByRole('heading', { name: 'Your session has ended' })).toBeVisible({ timeout: 60_000 });
});

test('a name that looks like markup is shown as text', async ({ page, request }) => {
  const admin = await token(request);
  const name = '<img src=x onerror=alert(1)>';
  await createPerson(request, admin, 'USER', name, 'Security <b>test</b>');
  let alerted = false;
  page.on('dialog', async (dialog) => {
    alerted = true;
    await dialog.dismiss();
  });

  await signIn(page);
  await expect(page.getByRole('cell', { name, exact: true }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Security <b>test</b>' })).toBeVisible();
  expect(await page.locator('main img[src="x"]').count()).toBe(0);
  expect(alerted).toBe(false);
});

test('signing in and moving around works with the keyboard alone', async ({ page }) => {
  await page.goto('/console/');
  await expect(page.getByLabel('Username')).toBeFocused();
  await page.keyboard.type(ADMIN.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  // Tab reaches the navigation; Enter follows a link
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if (await page.getByRole('link', { name: 'Cameras' }).evaluate((el) => el === document.activeElement)) break;
  }
  await expect(page.getByRole('link', { name: 'Cameras' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Cameras', level: 1 })).toBeVisible();
});
