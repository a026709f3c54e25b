import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createPerson, expectAccessible, repoRoot, screenshot, signIn, token, unique } from './helpers';
import { blankJpeg, haveLabelled, labelled, WHY_NOT } from './photos';

/** people.csv and photos.zip for three people: two photos of one face, a no-face and a group photo, nothing. */
function importFiles() {
  const dir = resolve(repoRoot, 'console/test-results/import');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(resolve(dir, 'zip'), { recursive: true });
  const [ann, bob, cy] = [unique('ann'), unique('bob'), unique('cy')];
  writeFileSync(resolve(dir, 'people.csv'), 'username,name,employee_code,department,email,role\n'
    + `${ann},Ann Import,E-1,Imports,${ann}@example.com,USER\n`
    + `${bob},Bob Import,E-2,Imports,,\n`
    + `${cy},Cy Import,E-3,Imports,,USER\n`);
  copyFileSync(resolve(labelled, 'sample_A__1.jpg'), resolve(dir, 'zip', `${ann}.jpg`));
  copyFileSync(resolve(labelled, 'sample_A__2.jpg'), resolve(dir, 'zip', `${ann}_2.jpg`));
  copyFileSync(blankJpeg(), resolve(dir, 'zip', `${bob}.jpg`));
  copyFileSync(resolve(labelled, 'group__010_2.jpg'), resolve(dir, 'zip', `${bob}_2.jpg`));
  execFileSync('zip', ['-q', '-j', resolve(dir, 'photos.zip'), ...[`${ann}.jpg`, `${ann}_2.jpg`, `${bob}.jpg`, `${bob}_2.jpg`]
    .map((f) => resolve(dir, 'zip', f))]);
  return { ann, bob, cy, csv: resolve(dir, 'people.csv'), zip: resolve(dir, 'photos.zip') };
}

test('an admin imports people and photos: uploaded to the presigned links, run, each line\'s result shown', async ({ page }) => {
  test.skip(!haveLabelled, WHY_NOT);
  test.setTimeout(240_000);   // runImports runs once a minute, then the face pipeline's first load
  const files = importFiles();
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Import people', level: 1 })).toBeVisible();
  await page.getByText('What the files hold').click();
  await expect(page.getByTestId('csv-columns')).toHaveText('username,name,employee_code,department,email,role');

  await page.getByLabel('People (CSV)').setInputFiles(files.csv);
  await page.getByLabel('Photos (zip)').setInputFiles(files.zip);
  await page.getByRole('button', { name: 'Upload and start the import' }).click();

  const state = page.getByTestId('import-state');
  await expect(state).toHaveText(/Queued|Running|Done/);
  await expect(state).toHaveText('Done', { timeout: 200_000 });
  await expect(page.getByTestId('rows-done')).toHaveText('3 / 3');
  await expect(page.getByTestId('rows-enrolled')).toHaveText('1');
  await expect(page.getByTestId('rows-refused')).toHaveText('2');

  const results = page.getByRole('table', { name: 'Import results' });
  const line = (username: string) => results.getByRole('row').filter({ hasText: username });
  await expect(line(files.ann)).toContainText('Created');
  await expect(line(files.ann)).toContainText('Enrolled 2/2');
  await expect(line(files.bob)).toContainText('Refused: no face found, several faces');
  await expect(line(files.bob)).toContainText(`${files.bob}.jpg: refused: no face found`);
  await expect(line(files.cy)).toContainText('Refused: no photo in the zip');

  await page.getByLabel('Outcome').selectOption('REFUSED');
  await expect(results.getByRole('row')).toHaveCount(3);   // the header and two people
  await expect(line(files.ann)).toHaveCount(0);
  await page.getByLabel('Outcome').selectOption('');
  await expect(results.getByRole('row')).toHaveCount(4);

  const earlier = page.getByRole('region', { name: 'Earlier imports' });
  await expect(earlier.getByRole('row').nth(1)).toContainText('Done');
  await expectAccessible(page);
  await screenshot(page, 'imports', true);

  // on a tablet the results table scrolls inside its box, never the page
  await page.setViewportSize({ width: 768, height: 1024 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
  await expectAccessible(page);
});

test('the import page is an admin\'s only', async ({ page, request }) => {
  const admin = await token(request);
  for (const role of ['OPERATOR', 'USER'] as const) {
    const person = await createPerson(request, admin, role, `Not an importer ${role}`);
    await page.context().clearCookies();
    await signIn(page, person.username, person.password);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports', exact: true })).toHaveCount(0);
    await page.goto('/console/imports');
    await expect(page.getByRole('heading', { name: 'Import people' })).toHaveCount(0);
    expect((await request.post('/imports', { headers: { authorization: `Bearer ${await token(request, person.username, person.password)}` } })).status()).toBe(403);
  }
});
