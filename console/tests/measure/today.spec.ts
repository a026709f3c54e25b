import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { bearer, repoRoot, signIn, token } from '../e2e/helpers';

const DATABASE = process.env.E2E_DATABASE ?? 'rollcall_e2e';
const PEOPLE = 2000;

/** People straight into Postgres (the API would hash 2,000 passwords); half of them then seen through the API. */
function insertPeople(organizationId: string, n: number, prefix: string): string[] {
  const ids = Array.from({ length: n }, () => randomUUID());
  const rows = ids.map((id, i) => `('${id}','${organizationId}','${prefix}${i}','x',3)`).join(',');
  const profiles = ids.map((id, i) => `('${id}','Person ${prefix}${i}','Dept ${i % 20}')`).join(',');
  execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-q', DATABASE], {
    input: `INSERT INTO users (id, organization_id, username, password_hash, role_id) VALUES ${rows};
            INSERT INTO user_profiles (user_id, full_name, department) VALUES ${profiles};`,
  });
  return ids;
}

/** Long tasks (> 50 ms on the main thread) while Today refreshes for `ms`, and how long the page took to show them all. */
async function measure(page: Page, expected: number, ms: number, bytes: number, arrive: () => Promise<void>) {
  const start = Date.now();
  await page.goto('/console/today');
  await expect(async () => {
    const counts = await Promise.all(['count-present', 'count-left', 'count-not-arrived']
      .map(async (id) => Number(await page.getByTestId(id).textContent())));
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(expected);
  }).toPass({ timeout: 60_000, intervals: [50] });
  const firstRender = Date.now() - start;
  const windowStart = await page.evaluate(() => performance.now());
  const observed = page.evaluate((duration) => new Promise<{ start: number; duration: number }[]>((done) => {
    const seen: { start: number; duration: number }[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => seen.push({ start: e.startTime, duration: e.duration })));
    observer.observe({ type: 'longtask', buffered: true });   // buffered: the first render's too
    setTimeout(() => { observer.disconnect(); done(seen); }, duration);
  }), ms);
  await page.waitForTimeout(ms / 2);
  await arrive();   // someone arrives half way: one refresh re-renders with a change
  const all = await observed;
  const first = all.filter((t) => t.start < windowStart).map((t) => t.duration);
  const tasks = all.filter((t) => t.start >= windowStart).map((t) => t.duration);
  return { bytes, firstRender, firstLongest: Math.max(0, ...first), tasks, blocking: tasks.reduce((a, t) => a + Math.max(0, t - 50), 0), longest: Math.max(0, ...tasks) };
}

test('Today with 2,000 people', async ({ page, request }) => {
  const admin = await token(request);
  const me = await (await request.get('/me', { headers: bearer(admin) })).json();
  const org = me.organization.id as string;
  const stamp = Date.now().toString(36);
  const smallIds = insertPeople(org, 20, `small${stamp}-`);
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  const size = async () => (await (await request.get('/attendance/today', { headers: bearer(admin) })).body()).length;
  const arrive = (ids: string[]) => async () => {
    const events = [{ eventId: randomUUID(), userId: ids[ids.length - 1]!, time: new Date().toISOString() }];
    expect((await request.post('/attendance/events', { headers: bearer(admin), data: { events } })).status()).toBe(202);
  };
  const small = await measure(page, 20, 30_000, await size(), arrive(smallIds));

  const ids = insertPeople(org, PEOPLE, `big${stamp}-`);
  for (let i = 0; i < ids.length / 2; i += 100) {
    const events = ids.slice(i, i + 100).map((userId) => ({ eventId: randomUUID(), userId, time: new Date().toISOString() }));
    expect((await request.post('/attendance/events', { headers: bearer(admin), data: { events } })).status()).toBe(202);
  }
  await page.waitForTimeout(5000);   // markAttendance drains the queue
  const big = await measure(page, PEOPLE, 30_000, await size(), arrive(ids));

  const row = (name: string, m: typeof small) =>
    `| ${name} | ${m.firstRender} ms | ${Math.round(m.firstLongest)} ms | ${m.tasks.length} | ${Math.round(m.longest)} ms | ${Math.round(m.blocking)} ms | ${Math.round(m.bytes / 1024)} KB |`;
  const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(1));
  const table = [
    `Measured ${new Date().toISOString().slice(0, 16)}Z by \`npm run measure\` (console/tests/measure/today.spec.ts): headless Chromium`,
    'on this machine, the real local runtime, Today refreshing every 5 s for 30 s after the first render; one',
    'person arrives half way through, so one refresh re-renders with a change.',
    '',
    '| people | first render (navigation → all counted) | its longest task | long tasks (> 50 ms) in the next 30 s | longest | blocking time | /attendance/today |',
    '|---|---|---|---|---|---|---|',
    row('~20 (baseline)', small),
    row(`${PEOPLE} + baseline`, big),
    '',
    `Ratios ${PEOPLE} / baseline: first render ${ratio(big.firstRender, small.firstRender)}x, its longest task ${ratio(big.firstLongest, Math.max(1, small.firstLongest))}x (a baseline without long tasks counts as 1 ms).`,
  ].join('\n');
  const doc = resolve(repoRoot, 'docs/console.md');
  const text = readFileSync(doc, 'utf8');
  writeFileSync(doc, text.replace(/<!-- today-measure -->[\s\S]*<!-- \/today-measure -->/, `<!-- today-measure -->\n${table}\n<!-- /today-measure -->`));
  console.log(table);
});
