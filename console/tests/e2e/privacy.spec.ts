import { expect, test, type APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { bearer, createPerson, expectAccessible, screenshot, signIn, token } from './helpers';
import { ENROLL, haveLabelled, WHY_NOT } from './photos';

async function enroll(request: APIRequestContext, admin: string, userId: string) {
  for (const photo of ENROLL) {
    const enrolled = await request.post(`/users/${userId}/faces`, {
      headers: { ...bearer(admin), 'content-type': 'image/jpeg' }, data: readFileSync(photo),
    });
    expect(enrolled.status(), await enrolled.text()).toBe(201);
  }
}

async function setConsentRequired(request: APIRequestContext, admin: string, required: boolean) {
  const patched = await request.patch('/config', { headers: bearer(admin), data: { 'privacy.consent_required': required } });
  expect(patched.status(), await patched.text()).toBe(200);
}

test('consent is required before enrollment, recorded on the person page, and withdrawing it erases the face data', async ({ page, request }) => {
  test.skip(!haveLabelled, WHY_NOT);
  const admin = await token(request);
  const person = await createPerson(request, admin, 'USER', 'Connie Consent', 'Legal');
  await setConsentRequired(request, admin, true);
  try {
    const refused = await request.post(`/users/${person.id}/faces`, {
      headers: { ...bearer(admin), 'content-type': 'image/jpeg' }, data: readFileSync(ENROLL[0]!),
    });
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error).toBe('consent_required');

    await signIn(page);
    await page.goto(`/console/people/${person.id}`);
    const consent = page.getByRole('region', { name: 'Consent to face recognition' });
    await expect(consent.getByText('This organization requires recorded consent')).toBeVisible();
    await expect(consent.getByTestId('consent-current')).toHaveText('No consent on record.');
    const form = consent.getByRole('form', { name: 'Record consent' });
    await form.getByLabel('Consent text version').fill('2026-12 v1');
    await form.getByLabel('How').selectOption('PAPER');
    await form.getByRole('button', { name: 'Record consent' }).click();
    await expect(consent.getByRole('status')).toHaveText('Consent recorded.');
    await expect(consent.getByTestId('consent-current')).toContainText('Text version 2026-12 v1 · Signed paper form');

    await enroll(request, admin, person.id);
    await page.reload();
    await expect(page.getByRole('img', { name: /Face image enrolled/ })).toHaveCount(3);
    await expectAccessible(page);

    await consent.getByLabel('Reason for the withdrawal (optional)').fill('withdrawn in writing');
    await consent.getByRole('button', { name: 'Withdraw consent' }).click();
    const confirm = page.getByRole('dialog');
    await expect(confirm).toContainText('face images, face template and index entries are erased');
    await confirm.getByRole('button', { name: 'Withdraw and erase' }).click();
    await expect(consent.getByRole('status')).toHaveText('Consent withdrawn: 3 face images and 3 template vectors erased.');
    await expect(consent.getByTestId('consent-current')).toHaveText('No consent on record.');
    await expect(page.getByRole('img', { name: /Face image enrolled/ })).toHaveCount(0);
    const faces = await request.get(`/users/${person.id}/faces`, { headers: bearer(admin) });
    expect((await faces.json()).faces).toHaveLength(0);
  } finally {
    await setConsentRequired(request, admin, false);
  }
});

test('a person sees what is held about them and asks for erasure; an admin executes it and exports its trail', async ({ page, request }) => {
  test.skip(!haveLabelled, WHY_NOT);
  const admin = await token(request);
  const person = await createPerson(request, admin, 'USER', 'Erin Erasure', 'Ops');
  await enroll(request, admin, person.id);

  await signIn(page, person.username, person.password);
  await page.getByRole('link', { name: 'My data' }).click();
  await expect(page.getByRole('heading', { name: 'My data', level: 1 })).toBeVisible();
  await expect(page.getByTestId('template')).toHaveText('A face template exists: 3 vectors made from your 3 face images.');
  await expect(page.getByRole('img', { name: /My face image enrolled/ })).toHaveCount(3);
  await expectAccessible(page);
  await screenshot(page, 'my-data', true);
  await page.getByLabel('Why (optional)').fill('I am leaving at the end of the month');
  await page.getByRole('button', { name: 'Ask for erasure' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Send the request' }).click();
  await expect(page.getByRole('status')).toHaveText('Your request was sent to the administrators.');
  await expect(page.getByRole('cell', { name: 'PENDING' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ask for erasure' })).toHaveCount(0);

  // the request's audit row reaches audit_logs through the queue within seconds
  const list = await request.get('/erasure-requests?status=PENDING', { headers: bearer(admin) });
  const requestId = (await list.json()).items.find((r: { userId: string }) => r.userId === person.id).id as string;
  await expect.poll(async () => (await (await request.get(`/erasure-requests/${requestId}`, { headers: bearer(admin) })).json())
    .trail.map((t: { action: string }) => t.action), { timeout: 30_000 }).toContain('ERASURE_REQUESTED');

  await page.getByRole('navigation', { name: 'Main' }).getByText(person.fullName, { exact: true }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await signIn(page);
  await page.getByRole('link', { name: 'Erasure requests' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Erin Erasure' });
  await expect(row).toContainText('I am leaving at the end of the month');
  await row.getByRole('button', { name: 'Open' }).click();
  const detail = page.getByRole('article');
  await expect(detail.getByRole('table', { name: 'Trail' })).toContainText('ERASURE_REQUESTED');
  await expectAccessible(page);
  await detail.getByRole('button', { name: 'Erase their face data' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Erase for good' }).click();
  await expect(detail).toContainText('EXECUTED');
  await expect(detail).toContainText('3 images and 3 template vectors erased');
  await screenshot(page, 'erasure-requests', true);

  const faces = await request.get(`/users/${person.id}/faces`, { headers: bearer(admin) });
  expect((await faces.json()).faces).toHaveLength(0);

  await expect.poll(async () => (await (await request.get(`/erasure-requests/${requestId}`, { headers: bearer(admin) })).json())
    .trail.map((t: { action: string }) => t.action), { timeout: 30_000 }).toContain('ERASURE_EXECUTED');
  const download = page.waitForEvent('download');
  await detail.getByRole('button', { name: 'Export the trail (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`erasure-request-${requestId}.csv`);
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = text.trim().split(/\r?\n/);
  expect(lines[0]).toBe('created_at,action,entity_type,entity_id,actor_user_id,actor_username,ip_address,user_agent');
  expect(text).toContain(`ERASURE_REQUESTED,ERASURE_REQUEST,${requestId},${person.id},${person.username}`);
  expect(text).toContain('ERASURE_EXECUTED');
});
