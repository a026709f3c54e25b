import { expect, test } from '@playwright/test';
import { bearer, createPerson, signIn, token } from './helpers';
import { cameraArgs, fakeCamera, haveLabelled, EYES_OPEN, WHY_NOT } from './photos';

// the laptop's webcam is Chromium's fake camera playing a real photo
test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: cameraArgs(fakeCamera(EYES_OPEN, 'eyes-open')) } });

test('a face is enrolled from the webcam with the server\'s verdict', async ({ page, request }) => {
  test.skip(!haveLabelled, WHY_NOT);
  const admin = await token(request);
  const person = await createPerson(request, admin, 'USER', 'Wendy Webcam', 'Front');
  await signIn(page);
  await page.goto(`/console/people/${person.id}`);
  await page.getByRole('button', { name: 'Use the webcam' }).click();
  await expect(page.getByLabel('Webcam preview')).toBeVisible();
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement | null)?.readyState === 4);
  await page.getByRole('button', { name: 'Capture and enroll' }).click();
  await expect(page.getByRole('list', { name: 'Enrollment results' })).toContainText('webcam capture: Enrolled (1 of 5)', { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Face images (1 of 5)' })).toBeVisible();
  // the same face is another test's person: erase this one (a delete erases the face data)
  expect((await request.delete(`/users/${person.id}`, { headers: bearer(admin) })).status()).toBe(204);
});
