import { expect, type APIRequestContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ADMIN = { username: 'admin', password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password' };
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const screenshots = resolve(repoRoot, 'docs/console');

/** An access token straight from the API (for arranging data the way a script would). */
export async function token(request: APIRequestContext, username = ADMIN.username, password = ADMIN.password): Promise<string> {
  const response = await request.post('/auth/login', { data: { username, password } });
  expect(response.status(), `login of ${username}`).toBe(200);
  return (await response.json()).accessToken as string;
}

export function bearer(accessToken: string) {
  return { authorization: `Bearer ${accessToken}` };
}

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

export interface Person {
  id: string;
  username: string;
  password: string;
  fullName: string;
}

export async function createPerson(request: APIRequestContext, adminToken: string, role: 'ADMIN' | 'OPERATOR' | 'USER',
                                   fullName: string, department = 'R&D'): Promise<Person> {
  const username = unique(role.toLowerCase());
  const password = 'a good long password';
  const response = await request.post('/users', {
    headers: bearer(adminToken),
    data: { username, password, role, fullName, department },
  });
  expect(response.status(), await response.text()).toBe(201);
  return { id: (await response.json()).id, username, password, fullName };
}

export async function signIn(page: Page, username = ADMIN.username, password = ADMIN.password) {
  await page.goto('/console/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();   // signed in, the cookie set
}

/** axe-core on the page as it is: no WCAG A/AA violation (labels, contrast, roles). */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

export async function screenshot(page: Page, name: string, fullPage = false) {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: resolve(screenshots, `${name}.png`), fullPage });
}
