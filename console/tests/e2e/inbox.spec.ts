import { expect, test } from '@playwright/test';
import { bearer, createPerson, expectAccessible, screenshot, signIn, token, unique } from './helpers';
import { cameraArgs, fakeCamera, haveLabelled, STRANGER, WHY_NOT } from './photos';

// the fake camera shows someone nobody enrolled
test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: cameraArgs(fakeCamera(STRANGER, 'stranger')) } });

test('a stranger is not recognised, lands in the inbox, and is assigned to a person', async ({ page, request }) => {
  test.skip(!haveLabelled, WHY_NOT);
  const admin = await token(request);
  const visitor = await createPerson(request, admin, 'USER', `Visitor ${unique('V')}`, 'Guests');
  const camera = await request.post('/cameras', { headers: bearer(admin), data: { name: unique('lobby'), direction: 'ENTRY' } });
  const key = (await camera.json()).apiKey as string;

  await page.goto('/console/kiosk');
  await page.getByLabel('Camera key').fill(key);
  await page.getByRole('button', { name: 'Start the kiosk' }).click();
  await expect(page.getByRole('status')).toHaveText('Not recognised — please see reception', { timeout: 15_000 });

  const console = await page.context().newPage();
  await signIn(console);
  await console.getByRole('link', { name: 'Unknown faces' }).click();
  const card = console.getByRole('article', { name: /Unknown face at/ }).first();
  await expect(async () => {
    await console.reload();
    await expect(card).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(card.getByRole('img', { name: 'The face the camera saw' })).toBeVisible();

  // the DASHBOARD channel: an unread badge in the header, the list, mark read
  const badge = console.getByTestId('unread');
  await expect(badge).toBeVisible({ timeout: 20_000 });
  const unread = Number(await badge.textContent());
  await console.getByLabel(/^Notifications, \d+ unread$/).click();
  await console.getByRole('button', { name: 'Mark read' }).first().click();
  if (unread > 1) await expect(badge).toHaveText(String(unread - 1));
  else await expect(badge).toHaveCount(0);
  await console.getByLabel(/^Notifications, \d+ unread$/).click();
  await expectAccessible(console);
  await screenshot(console, 'inbox');

  const before = await console.getByRole('article', { name: /Unknown face at/ }).count();
  await card.getByLabel('This is').selectOption({ label: visitor.fullName });
  await card.getByRole('button', { name: 'Assign' }).click();
  await expect(console.getByRole('article', { name: /Unknown face at/ })).toHaveCount(before - 1);

  // the assignment recorded the attendance the camera should have recorded
  await expect(async () => {
    const today = await request.get(`/attendance/users/${visitor.id}/today`, { headers: bearer(admin) });
    expect((await today.json()).firstIn).toBeTruthy();
  }).toPass({ timeout: 20_000 });

  // bulk dismiss whatever is left
  const left = console.getByRole('article', { name: /at/ });
  if ((await left.count()) > 0) {
    for (const box of await console.getByLabel('Select').all()) await box.check();
    await console.getByRole('button', { name: /Dismiss selected/ }).click();
    await expect(console.getByText('Nothing to review.')).toBeVisible();
  }
});
