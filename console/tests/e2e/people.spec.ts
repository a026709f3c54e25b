import { expect, test } from '@playwright/test';
import { createPerson, expectAccessible, screenshot, signIn, token, unique } from './helpers';
import { blankJpeg, ENROLL, haveLabelled, WHY_NOT } from './photos';

test('an admin creates a person and enrolls three photos by upload, each with the server\'s verdict', async ({ page }) => {
  test.skip(!haveLabelled, WHY_NOT);
  await signIn(page);
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByRole('button', { name: 'New person' }).click();
  const name = `Ada ${unique('L')}`;
  const form = page.getByRole('form', { name: 'New person' });
  await form.getByLabel('Full name').fill(name);
  await form.getByLabel('Department').fill('R&D');
  await form.getByLabel('Username').fill(unique('ada'));
  await form.getByLabel('First password').fill('a good long password');
  await form.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await page.getByLabel('Photos to enroll (or drop them here)').setInputFiles(ENROLL);
  const results = page.getByRole('list', { name: 'Enrollment results' });
  await expect(results.getByText('Enrolled (3 of 5)')).toBeVisible({ timeout: 30_000 });
  await expect(results.getByText(/Enrolled/)).toHaveCount(3);
  await expect(page.getByRole('heading', { name: 'Face images (3 of 5)' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Face image enrolled/ })).toHaveCount(3);
  await expectAccessible(page);
  await screenshot(page, 'person', true);

  // a photo without a face gets its verdict, not a generic failure
  await page.getByLabel('Photos to enroll (or drop them here)').setInputFiles(blankJpeg());
  await expect(results.getByText('No face found: use a photo where the face is clearly visible.')).toBeVisible({ timeout: 30_000 });

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('face images, face embeddings and face index entries are erased');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);

  // deleting for good erases the face data (the same face is another test's person)
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete for good' }).click();
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name })).toHaveCount(0);
});

test('the people list searches and pages', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'People' }).click();
  await expect(page.getByRole('link', { name: 'admin', exact: true })).toBeVisible();
  await page.getByLabel('Search').fill('no-such-person-anywhere');
  await expect(page.getByText('0 people')).toBeVisible();
  await page.getByLabel('Search').fill('');
  await expectAccessible(page);
  await screenshot(page, 'people');
});

test('an OPERATOR sees the people without roles, cannot create or delete one, and reaches their face images', async ({ page, request }) => {
  const admin = await token(request);
  const operator = await createPerson(request, admin, 'OPERATOR', 'Opal Operator', 'Security');
  const person = await createPerson(request, admin, 'USER', 'Fay Floor', 'Ops');
  await signIn(page, operator.username, operator.password);
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByLabel('Search').fill('Fay Floor');
  await expect(page.getByRole('link', { name: 'Fay Floor' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New person' })).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: 'Role' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Fay Floor' }).click();
  await expect(page.getByRole('heading', { name: 'Face images (0 of 5)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(0);
  expect(person.id).toBeTruthy();
});
