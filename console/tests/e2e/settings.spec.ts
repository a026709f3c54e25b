import { expect, test } from '@playwright/test';
import { bearer, expectAccessible, signIn, token } from './helpers';

test('an ADMIN changes the time zone in Settings and Today shows times in it; the change is audited', async ({ page, request }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  const zone = page.getByLabel(/^organization\.time_zone/);
  await expect(zone).toBeVisible();
  await expect(page.getByText('IANA time zone of the organization\'s day')).toBeVisible();
  await zone.fill('Asia/Kolkata');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');

  await page.getByRole('link', { name: 'Today' }).click();
  await expect(page.getByText(/times in Asia\/Kolkata/)).toBeVisible();

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(async () => {   // recordAudit writes in batches from its queue
    await page.getByLabel('Entity type').fill('');
    await page.getByLabel('Entity type').fill('CONFIG');
    await expect(page.getByRole('cell', { name: 'CONFIG_UPDATED' }).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expectAccessible(page);

  // a bad value is refused with the key named, nothing applied
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel(/^organization\.time_zone/).fill('Mars/Olympus');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert')).toContainText('organization.time_zone');
  const admin = await token(request);
  const config = await (await request.get('/config', { headers: bearer(admin) })).json();
  expect(config.keys.find((k: { key: string }) => k.key === 'organization.time_zone').value).toBe('Asia/Kolkata');
  await request.patch('/config', { headers: bearer(admin), data: { 'organization.time_zone': null } });
});
