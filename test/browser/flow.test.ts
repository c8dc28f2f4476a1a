/**
 * The advertiser's main path in a real browser (Debian's Chromium through playwright-core),
 * against `parlance start` on embedded defaults with the demo population:
 * sign in → build an audience from search → estimate range → narrow below the threshold →
 * widen → reach curve → save → create and launch a campaign → find it in the table →
 * create and revoke an API key → layout at 1920 and 390 px → sign out. Screenshots of every main screen go to a folder
 * under test/artifacts/ (git-ignored), printed at the start of the run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createTestEnvironment,
  REPO_ROOT,
  type RunningServer,
  type TestEnvironment,
} from '../support/server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DASHBOARD = join(REPO_ROOT, 'packages', 'dashboard');
const DEMO_LOGIN = { email: 'demo@parlance.dev', password: 'parlance-demo' };
const STAMP = new Date().toISOString().replace(/[:.]/g, '-');
const SHOTS = join(REPO_ROOT, 'test', 'artifacts', `browser-${STAMP}`);
const CAMPAIGN = `E2E spring cooks ${STAMP.slice(11, 19)}`;
const KEY = `E2E planning script ${STAMP.slice(11, 19)}`;

// Two cores are shared with other work: give polled assertions room.
vi.setConfig({ testTimeout: 180_000 });
const POLL = { timeout: 30_000 };

let env: TestEnvironment | undefined;
let server: RunningServer;
let profile: string;
let context: BrowserContext;
let page: Page;
let shot = 0;

async function screenshot(name: string): Promise<void> {
  shot += 1;
  await page.screenshot({
    path: join(SHOTS, `${String(shot).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

async function pickInterest(term: string, name: string): Promise<void> {
  const search = page.getByTestId('interest-search');
  await search.fill(term);
  const option = page.getByTestId('interest-option').filter({ hasText: name }).first();
  await option.waitFor({ timeout: 15_000 });
  await option.click();
  await expect
    .poll(() => page.getByTestId('interest-chip').filter({ hasText: name }).count(), POLL)
    .toBeGreaterThan(0);
}

/** Waits until the sizing panel settles on a range or on "too narrow"; returns which. */
async function settledEstimate(): Promise<'range' | 'below'> {
  const panel = page.getByTestId('sizing-panel');
  await page.waitForTimeout(450); // the builder's debounce
  await expect
    .poll(async () => (await panel.getByTestId('estimate-updating').count()) === 0, { timeout: 30_000 })
    .toBe(true);
  if (await panel.getByTestId('estimate-below-threshold').count()) return 'below';
  await panel.getByTestId('estimate-range').waitFor({ timeout: 30_000 });
  return 'range';
}

async function chooseSelect(input: Locator, option: string): Promise<void> {
  await input.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('dashboard in a real browser', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium`);
    if (!existsSync(join(REPO_ROOT, 'packages', 'cli', 'dist', 'main.js')))
      throw new Error('the CLI is not built: run `pnpm build` first');
    // The server serves packages/dashboard/dist: build it so the test sees the current source.
    execFileSync(
      process.execPath,
      [join(DASHBOARD, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      {
        cwd: DASHBOARD,
        stdio: 'inherit',
        // Vitest sets NODE_ENV=test, which would make Vite emit React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    mkdirSync(SHOTS, { recursive: true });
    console.log(`screenshots: ${SHOTS}`);
    env = await createTestEnvironment({
      PARLANCE_DEMO: 'true',
      PARLANCE_DEMO_USERS: process.env.E2E_DEMO_USERS ?? '20000',
    });
    server = await env.start({ verb: 'start' });
    // /readyz answers before `start` has finished creating the demo accounts; wait for its banner.
    const deadline = Date.now() + 180_000;
    while (!/Parlance is ready at/.test(server.output())) {
      if (Date.now() > deadline) throw new Error(`parlance start printed no banner:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    profile = mkdtempSync(join(tmpdir(), 'parlance-e2e-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1366, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => console.error(`browser error: ${error.message}`));
    if (process.env.E2E_DEBUG) {
      page.on('response', async (r) => {
        if (!r.url().endsWith('/graphql')) return;
        const body = await r.text().catch(() => '');
        console.log('graphql', r.request().postData()?.slice(0, 60), '→', body.slice(0, 200));
      });
    }
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page)
      await screenshot(`FAILED-${ctx.task.name.replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await env?.dispose();
  });

  it('signs in and sees the organisation', async () => {
    await page.goto(server.url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.getByTestId('login-email').waitFor({ timeout: 60_000 });
    await screenshot('sign-in');
    // A wrong password is refused in plain words, not a stack trace.
    await page.getByTestId('login-email').fill(DEMO_LOGIN.email);
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('error-alert').waitFor();
    await page.getByTestId('login-password').fill(DEMO_LOGIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('sizing-panel').waitFor();
    const org = page.getByTestId('org-name').or(page.getByTestId('org-switcher'));
    await expect.poll(() => org.count(), POLL).toBeGreaterThan(0);
    await page.getByTestId('estimate-empty').waitFor();
    await screenshot('builder-empty');
  });

  it('builds an audience from search and sees the estimate range', async () => {
    await pickInterest('cook', 'Cooking');
    await pickInterest('travel', 'Travel');
    expect(await settledEstimate()).toBe('range');
    const range = await page.getByTestId('estimate-range').textContent();
    expect(range).toMatch(/\d/);
    await expect.poll(() => page.getByTestId('privacy-budget').textContent(), POLL).toMatch(/ε/);
    await screenshot('builder-estimate');
  });

  it('narrows it until it is too narrow to estimate, then widens it again', async () => {
    const narrowing: [string, string][] = [
      ['climb', 'Climbing'],
      ['esport', 'eSports'],
      ['woodwork', 'Woodworking'],
      ['retire', 'Retirement Planning'],
    ];
    let state: 'range' | 'below' = 'range';
    for (const [term, name] of narrowing) {
      await page.getByTestId('add-group').click();
      await pickInterest(term, name);
      state = await settledEstimate();
      if (state === 'below') break;
    }
    expect(state).toBe('below');
    expect(await page.getByTestId('estimate-range').count()).toBe(0);
    await screenshot('builder-too-narrow');
    // Widen: drop every AND group but the first.
    for (;;) {
      const remove = page.getByRole('button', { name: /^Remove group \d+$/ });
      const n = await remove.count();
      if (n === 0) break;
      await remove.nth(n - 1).click();
    }
    expect(await settledEstimate()).toBe('range');
    await screenshot('builder-widened');
  });

  it('shows the reach curve with a tooltip on hover', async () => {
    await page.getByTestId('tab-reach').click();
    await page.getByTestId('reach-submit').click();
    const chart = page.getByTestId('reach-chart');
    await chart.waitFor({ timeout: 30_000 });
    await page.getByTestId('reach-total').waitFor();
    await chart.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300); // ResponsiveContainer measures after mount
    const box = await chart.boundingBox();
    if (!box) throw new Error('the reach chart has no box');
    // Sweep across the plot until recharts shows the tooltip of a point.
    for (const x of [0.5, 0.6, 0.4, 0.7, 0.3, 0.8]) {
      await page.mouse.move(box.x + box.width * x, box.y + box.height * 0.45, { steps: 4 });
      if (await page.getByTestId('reach-tooltip').isVisible()) break;
    }
    await page.getByTestId('reach-tooltip').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('reach-tooltip').textContent()).toMatch(/Reach \d/);
    await screenshot('reach-curve');
  });

  it('saves the audience', async () => {
    await page.getByTestId('save-audience').click();
    await page.getByTestId('audience-name').fill(`${CAMPAIGN} audience`);
    await page.getByTestId('audience-save-confirm').click();
    await page.waitForURL(/#\/audiences\/.+/);
    await page.getByTestId('nav-saved').click();
    await page.getByTestId('saved-table').getByText(`${CAMPAIGN} audience`).waitFor();
    await screenshot('saved-audiences');
    // Reopen it: the builder shows its interests again, named, and sizes it.
    await page.getByTestId('saved-table').getByText(`${CAMPAIGN} audience`).click();
    await page.getByTestId('interest-chip').filter({ hasText: 'Cooking' }).waitFor();
    expect(await settledEstimate()).toBe('range');
    expect(await page.getByTestId('save-audience').textContent()).toBe('Save changes');
  });

  it('creates and launches a campaign, and finds it in the table', async () => {
    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId('new-campaign').click();
    await page.getByTestId('campaign-form').waitFor();
    // Submitting empty shows validation messages first.
    await page.getByTestId('campaign-submit').click();
    await page.getByTestId('form-error-summary').waitFor();
    await screenshot('campaign-form-errors');
    await page.getByTestId('campaign-name').fill(CAMPAIGN);
    await chooseSelect(page.getByTestId('campaign-objective'), 'Awareness');
    await page.getByTestId('campaign-budget').fill('250');
    await page.getByTestId('campaign-cpm').fill('6.5');
    await chooseSelect(page.getByTestId('campaign-audience'), `${CAMPAIGN} audience`);
    await screenshot('campaign-form');
    await page.getByTestId('campaign-submit').click();
    await page.waitForURL(/#\/campaigns$/);
    await page.getByTestId('campaign-filter').fill(CAMPAIGN);
    const row = page.locator(`[data-testid="campaign-row"][data-name="${CAMPAIGN}"]`);
    await row.waitFor();
    expect(await row.getByTestId('campaign-status').textContent()).toBe('Draft');
    await row.getByTestId('campaign-launch').click();
    await expect
      .poll(() => row.getByTestId('campaign-status').textContent(), { timeout: 20_000 })
      .toBe('Active');
    await page.getByTestId('sort-budget').click();
    await screenshot('campaigns-table');
  });

  it('creates an API key (secret shown once) and revokes it', async () => {
    await page.getByTestId('nav-keys').click();
    await page.getByTestId('create-api-key').click();
    await page.getByTestId('api-key-name').fill(KEY);
    await page.getByTestId('api-key-create-confirm').click();
    const secret = await page.getByTestId('api-key-secret').textContent();
    expect(secret?.length ?? 0).toBeGreaterThan(20);
    await screenshot('api-key-secret');
    await page.getByTestId('api-key-done').click();
    const row = page.locator(`[data-testid="api-key-row"][data-name="${KEY}"]`);
    await row.waitFor();
    expect(await page.content()).not.toContain(secret ?? '');
    await row.getByTestId('api-key-revoke').click();
    await page.getByTestId('api-key-revoke-confirm').click();
    await expect.poll(() => row.getByTestId('api-key-status').textContent(), POLL).toBe('Revoked');
    await screenshot('api-keys');
  });

  it("switches organisation and sees only that organisation's campaigns", async () => {
    const switcher = page.getByTestId('org-switcher');
    if ((await switcher.count()) === 0) return; // the demo member belongs to one organisation only
    const before = await switcher.inputValue();
    await switcher.click();
    await page.getByRole('option').filter({ hasNotText: before }).first().click();
    await expect.poll(() => switcher.inputValue(), { timeout: 30_000 }).not.toBe(before);
    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId('campaigns-table').or(page.getByTestId('campaigns-empty')).first().waitFor();
    expect(await page.locator(`[data-testid="campaign-row"][data-name="${CAMPAIGN}"]`).count()).toBe(0);
    await screenshot('campaigns-other-organisation');
  });

  it('uses a 1920 px screen without overflow, the content kept to a readable width', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const screens: [string, Locator][] = [
      ['audiences', page.getByTestId('sizing-panel')],
      ['saved', page.getByTestId('saved-table').or(page.getByTestId('saved-empty'))],
      ['campaigns', page.getByTestId('campaigns-table').or(page.getByTestId('campaigns-empty'))],
    ];
    for (const [name, ready] of screens) {
      await page.getByTestId(`nav-${name}`).click();
      await ready.first().waitFor();
      await expect
        .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
          timeout: 5_000,
          interval: 200,
        })
        .toBeLessThanOrEqual(1);
      // The widest box inside <main>: neither stretched across the whole screen nor squeezed.
      const widest = await page.evaluate(() =>
        Math.max(...Array.from(document.querySelectorAll('main *'), (e) => e.getBoundingClientRect().width)),
      );
      expect(widest, `${name} at 1920 px`).toBeLessThanOrEqual(1440);
      expect(widest, `${name} at 1920 px`).toBeGreaterThanOrEqual(1000);
      await screenshot(`${name}-1920`);
    }
  });

  it('is usable at 390 px and signs out', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/#/audiences`);
    await page.getByTestId('sizing-panel').waitFor();
    // The side navigation collapses with a short transition after the resize: measure once the
    // layout has settled (a real overflow never settles and still fails after the timeout).
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
        timeout: 5_000,
        interval: 200,
      })
      .toBeLessThanOrEqual(1);
    await screenshot('builder-mobile');
    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-email').waitFor();
  });
});
