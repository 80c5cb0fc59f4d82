// Callbacks given to page.evaluate run in the browser: they see the DOM.
/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { dammCheckDigit } from '../../src/common/tracking-code';
import { PROJECT_ROOT } from '../../src/config/configuration';
import { en } from '../../web/src/i18n/en';
import { fa } from '../../web/src/i18n/fa';
import { RunningStack, startStack, testConfig } from './harness/app-harness';
import { ARTIFACTS_DIR, checkPage, launchChromium } from './harness/browser';
import { createAgency, createUser, signIn, TEST_PASSWORD } from './harness/identity';

/**
 * The web application in a real Chromium against the real stack (PostgreSQL, Temporal, worker,
 * the API serving the built app): the public tracking page, signing in with a one-time
 * password and changing it, the clerk's case list with Jalali filters, silent refresh, an
 * expired session that keeps what was typed, signing out, role-aware navigation. Every page is
 * checked with axe in both languages and photographed on a phone and a desktop.
 */
jest.setTimeout(300_000);

const WEB_INDEX = join(PROJECT_ROOT, 'web', 'dist', 'index.html');
const toPersian = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
const grouped = (code: string) => code.replace(/^(\d{4})(\d{4})(\d{4})$/, '$1-$2-$3');
/** A label as MUI names a required field: the text, then ' *'. */
const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
/** A code with a wrong check digit (Damm catches every single-digit change). */
const mistype = (code: string) => code.slice(0, 11) + String((Number(code[11]) + 1) % 10);

describe('web application (browser, both languages, phone and desktop)', () => {
  let stack: RunningStack;
  let browser: Browser;
  let trackingCode: string;
  let complaintCode: string;
  let agencyId: string;
  const violations: string[] = [];
  /** Contexts a test did not get to close: it failed there; the page is kept as a picture. */
  const unfinished = new Set<BrowserContext>();
  const shots: string[] = [];

  const check = async (page: Page, name: string) => {
    const report = await checkPage(page, name);
    violations.push(...report.violations);
    shots.push(...report.screenshots);
  };

  /** A fresh browser profile in one language (as a person who chose it before). */
  const contextIn = async (language: 'fa' | 'en'): Promise<BrowserContext> => {
    const context = await browser.newContext({
      baseURL: stack.origin,
      locale: language === 'fa' ? 'fa-IR' : 'en-GB',
    });
    unfinished.add(context);
    context.on('close', () => unfinished.delete(context));
    await context.addInitScript((lang) => {
      if (!localStorage.getItem('vp.language')) localStorage.setItem('vp.language', lang);
    }, language);
    return context;
  };

  beforeAll(async () => {
    if (!existsSync(WEB_INDEX))
      throw new Error(`the web app is not built (${WEB_INDEX}): run npm run build:web first`);
    // Short access tokens (the shortest the configuration takes), so refreshing is exercised.
    stack = await startStack(testConfig({ AUTH_ACCESS_TOKEN_TTL_SECONDS: '30' }));
    browser = await launchChromium();
    agencyId = await createAgency(stack.dataSource, 'اداره کل آزمون صفحات');
    const clerk = await createUser(stack.dataSource, ['CLERK'], agencyId);
    const { accessToken } = await signIn(stack.baseUrl, clerk.username);
    const registered = await request(stack.baseUrl)
      .post('/cases')
      .set('authorization', `Bearer ${accessToken}`)
      .send({
        requestType: 'SCRAP',
        justification: 'خودروی فرسوده با هزینه تعمیر بیش از ارزش آن',
        vehicles: [
          { plate: '12ب345-15', vin: 'NAAM01E07HK123456', usageClass: 'SEDAN', modelYear: 1385 },
        ],
      })
      .expect(201);
    trackingCode = registered.body.trackingCode;
    const complaint = await request(stack.baseUrl)
      .post('/complaints')
      .set('authorization', `Bearer ${accessToken}`)
      .send({
        kind: 'COMPLAINT',
        caseId: registered.body.id,
        subject: 'تأخیر در بررسی مدارک',
        text: 'مدارک درخواست ما بیش از ۱۴ روز است که بررسی نشده است.',
      })
      .expect(201);
    complaintCode = complaint.body.trackingCode;
  });

  afterEach(async () => {
    for (const context of [...unfinished]) {
      const name = (expect.getState().currentTestName ?? 'test').replace(/[^a-z0-9]+/gi, '-');
      for (const [i, page] of context.pages().entries())
        await page.screenshot({
          path: join(ARTIFACTS_DIR, `failed-${name}-${i}.png`),
          fullPage: true,
        });
      await context.close();
    }
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('is served by the API process: pages at /, deep links, the API under /api/v1', async () => {
    const home = await request(stack.origin).get('/').expect(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    expect(home.headers['cache-control']).toBe('no-cache');
    const deep = await request(stack.origin).get('/cases?stage=UNDER_REVIEW').expect(200);
    expect(deep.text).toBe(home.text);
    const unknownApi = await request(stack.origin).get('/api/v1/nowhere').expect(404);
    expect(unknownApi.headers['content-type']).toMatch(/application\/problem\+json/);
    await request(stack.origin).get('/api/nowhere').expect(404);
    await request(stack.origin).get('/health/live').expect(200, { status: 'ok' });
    const doc = await request(stack.origin).get('/api/docs-json').expect(200);
    expect(doc.body.paths['/api/v1/track/{code}']).toBeDefined();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(home.text)?.[1];
    expect(asset).toBeDefined();
    const script = await request(stack.origin).get(asset!).expect(200);
    expect(script.headers['cache-control']).toContain('immutable');
  });

  for (const language of ['fa', 'en'] as const) {
    const t = language === 'fa' ? fa : en;

    it(`tracks a case by code, told mistyped from unknown (${language})`, async () => {
      const context = await contextIn(language);
      const page = await context.newPage();
      await page.goto('/');
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      expect(await page.getAttribute('html', 'dir')).toBe(language === 'fa' ? 'rtl' : 'ltr');
      await page.getByRole('heading', { level: 1, name: t.home.title }).waitFor();
      await page.getByText(t.app.freeOfCharge).waitFor();
      await check(page, `home-${language}`);

      await page.getByRole('link', { name: t.nav.track, exact: true }).first().click();
      await page.getByRole('heading', { level: 1, name: t.track.title }).waitFor();
      // Nothing typed: the summary takes focus and links to the field.
      await page.getByRole('button', { name: t.track.submit }).click();
      const summary = page.getByRole('alert').filter({ hasText: t.errors.summaryTitle });
      await summary.waitFor();
      expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
      await check(page, `track-empty-${language}`);
      await summary
        .getByRole('link', { name: t.errors.required.replace('{{field}}', t.track.code) })
        .click();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('code');

      // Mistyped (check digit), in Persian digits with dashes: the service's reason, on the field.
      const code = page.getByLabel(t.track.code);
      await code.fill(toPersian(grouped(mistype(trackingCode))));
      await page.getByRole('button', { name: t.track.submit }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: language === 'fa' ? 'رقم کنترل' : 'check digit' })
        .waitFor();
      await check(page, `track-mistyped-${language}`);

      // A well-formed code no case has.
      const body = trackingCode.startsWith('9') ? '81234567890' : '91234567890';
      await code.fill(body + String(dammCheckDigit(body)));
      await page.getByRole('button', { name: t.track.submit }).click();
      await page.getByText(t.track.notFound).waitFor();

      // The real code, typed in Persian digits with dashes: the stage, in the reader's language.
      await code.fill(toPersian(grouped(trackingCode)));
      await page.getByRole('button', { name: t.track.submit }).click();
      await page
        .getByRole('heading', { level: 2, name: /./ })
        .filter({
          hasText: language === 'fa' ? toPersian(grouped(trackingCode)) : grouped(trackingCode),
        })
        .waitFor();
      await page
        .getByText(t.stage.UNDER_REVIEW)
        .or(page.getByText(t.stage.REGISTERED))
        .first()
        .waitFor();
      expect(page.url()).toContain(`/track/${trackingCode}`);
      // A deep link survives a reload.
      await page.reload();
      await page.getByText(t.track.nextStep).waitFor();
      await check(page, `track-found-${language}`);
      await context.close();
    });

    it(`tracks a complaint by code (${language})`, async () => {
      const context = await contextIn(language);
      const page = await context.newPage();
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: t.app.mainNavigation });
      await nav.getByRole('link', { name: t.nav.complaintTrack }).click();
      await page.getByRole('heading', { level: 1, name: t.complaintTrack.title }).waitFor();
      const code = page.getByLabel(t.track.code);
      await code.fill(toPersian(grouped(mistype(complaintCode))));
      await page.getByRole('button', { name: t.track.submit }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: language === 'fa' ? 'رقم کنترل' : 'check digit' })
        .waitFor();
      await code.fill(toPersian(complaintCode));
      await page.getByRole('button', { name: t.track.submit }).click();
      await page
        .getByText(t.complaintStatus.OPEN)
        .or(page.getByText(t.complaintStatus.ASSIGNED))
        .first()
        .waitFor();
      await page.getByText(t.complaintTrack.dueAt).waitFor();
      expect(page.url()).toContain(`/complaints/track/${complaintCode}`);
      await check(page, `complaint-track-${language}`);
      await context.close();
    });

    it(`signs in with a one-time password, changes it, lists the agency's cases (${language})`, async () => {
      const clerk = await createUser(stack.dataSource, ['CLERK'], agencyId, {
        mustChangePassword: true,
      });
      const context = await contextIn(language);
      const page = await context.newPage();
      // A deep link to a page that needs a sign-in: to the sign-in page, then back to it.
      await page.goto('/cases?requestType=SCRAP');
      await page.getByRole('heading', { level: 1, name: t.signIn.title }).waitFor();
      await page.getByRole('button', { name: t.signIn.submit }).click();
      await page.getByRole('alert').filter({ hasText: t.errors.summaryTitle }).waitFor();
      await check(page, `sign-in-empty-${language}`);

      // Keyboard only: the fields in order, Enter submits.
      await page.getByLabel(t.signIn.username).focus();
      await page.keyboard.type(clerk.username);
      await page.keyboard.press('Tab');
      await page.keyboard.type('not-the-password');
      await page.keyboard.press('Enter');
      const refused = page
        .getByRole('alert')
        .filter({ hasText: language === 'fa' ? 'نادرست' : /incorrect|not correct|wrong/i });
      await refused.waitFor();
      expect(await refused.evaluate((el) => el === document.activeElement)).toBe(true);
      await check(page, `sign-in-refused-${language}`);

      await page.getByLabel(t.signIn.password).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: t.signIn.submit }).click();
      // The one-time password must be changed first, whatever page was asked for.
      await page.getByRole('heading', { level: 1, name: t.changePassword.title }).waitFor();
      await page.getByText(t.changePassword.forcedText).waitFor();
      await page.goto('/cases');
      await page.getByRole('heading', { level: 1, name: t.changePassword.title }).waitFor();
      // Case lists are not offered before the password is changed.
      expect(
        await page
          .getByRole('navigation', { name: t.app.mainNavigation })
          .getByRole('link', { name: t.nav.cases })
          .count(),
      ).toBe(0);
      await check(page, `change-password-${language}`);

      const current = page.getByLabel(startsWith(t.changePassword.current));
      const next = page.getByLabel(startsWith(t.changePassword.next));
      const confirm = page.getByLabel(startsWith(t.changePassword.confirm));
      await current.fill(TEST_PASSWORD);
      await next.fill('short');
      await confirm.fill('different');
      await page.getByRole('button', { name: t.changePassword.submit }).click();
      await page.getByRole('link', { name: t.changePassword.mismatch }).waitFor();
      // The browser's checks pass; the service's policy refuses, named on the field.
      await confirm.fill('short');
      await page.getByRole('button', { name: t.changePassword.submit }).click();
      const policy = page.getByRole('alert').filter({ hasText: t.errors.summaryTitle });
      await policy.getByRole('link').first().waitFor();
      await check(page, `change-password-refused-${language}`);
      await policy.getByRole('link').first().click();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(
        'newPassword',
      );

      await next.fill('A-New-Password-1405');
      await confirm.fill('A-New-Password-1405');
      await page.getByRole('button', { name: t.changePassword.submit }).click();
      await page.getByRole('heading', { level: 1, name: t.cases.titleAgency }).waitFor();
      const row = page.getByRole('row').filter({
        hasText: language === 'fa' ? toPersian(grouped(trackingCode)) : grouped(trackingCode),
      });
      await row.waitFor();
      await check(page, `cases-${language}`);

      // Jalali filters, typed in Persian digits; a date that does not exist is refused.
      await page.getByLabel(t.cases.from).fill('۱۴۰۵/۱۳/۰۱');
      await page.getByRole('button', { name: t.cases.apply }).click();
      await page.getByRole('link', { name: t.cases.invalidDate }).waitFor();
      await check(page, `cases-invalid-date-${language}`);
      await page.getByLabel(t.cases.from).fill('۱۳۹۰/۰۱/۰۱');
      await page.getByLabel(t.cases.to).fill('1390/01/02');
      await page.getByRole('button', { name: t.cases.apply }).click();
      await page.getByText(t.cases.empty).waitFor();
      expect(page.url()).toContain('from=1390%2F01%2F01');
      await page.getByRole('button', { name: t.cases.clear }).click();
      await row.waitFor();

      // Silent refresh: the refresh token turns over on its own, and the page keeps working.
      const before = await page.evaluate(() => sessionStorage.getItem('vp.refresh'));
      await page.waitForFunction((old) => sessionStorage.getItem('vp.refresh') !== old, before, {
        timeout: 20_000,
      });
      // A reload keeps the session (the refresh token is in this tab's storage).
      await page.reload();
      await row.waitFor();

      // The session ends elsewhere (its refresh token revoked): a dialog asks to sign in again,
      // over the page, and what was typed stays.
      await page.getByLabel(t.cases.from).fill('۱۴۰۵/۰۱/۰۱');
      const token = await page.evaluate(() => sessionStorage.getItem('vp.refresh'));
      await request(stack.baseUrl).post('/auth/sign-out').send({ refreshToken: token }).expect(204);
      const dialog = page.getByRole('dialog', { name: t.signIn.expiredTitle });
      await dialog.waitFor({ timeout: 20_000 });
      await check(page, `session-expired-${language}`);
      await dialog.getByLabel(t.signIn.username).fill(clerk.username);
      await dialog.getByLabel(t.signIn.password).fill('A-New-Password-1405');
      await dialog.getByRole('button', { name: t.signIn.submit }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.getByLabel(t.cases.from).inputValue()).toBe('۱۴۰۵/۰۱/۰۱');

      // Signing out: back to the sign-in page, and the case list is closed again.
      await page.getByRole('button', { name: t.nav.signOut }).click();
      await page.getByText(t.signIn.signedOut).waitFor();
      await page.goto('/cases');
      await page.getByRole('heading', { level: 1, name: t.signIn.title }).waitFor();
      await context.close();
    });

    it(`offers a page only to the roles that may use it (${language})`, async () => {
      const member = await createUser(stack.dataSource, ['MEMBER']);
      const context = await contextIn(language);
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.getByLabel(t.signIn.username).fill(member.username);
      await page.getByLabel(t.signIn.password).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: t.signIn.submit }).click();
      await page.getByRole('button', { name: t.nav.signOut }).waitFor();
      const nav = page.getByRole('navigation', { name: t.app.mainNavigation });
      expect(await nav.getByRole('link', { name: t.nav.cases }).count()).toBe(0);
      await page.getByRole('heading', { level: 1, name: t.notFound.title }).waitFor(); // /cases
      await page.goto('/no/such/page');
      await page.getByRole('heading', { level: 1, name: t.notFound.title }).waitFor();
      await check(page, `not-found-${language}`);
      await context.close();
    });
  }

  it('switches language from any page, and the choice is kept', async () => {
    const context = await contextIn('fa');
    const page = await context.newPage();
    await page.goto('/track');
    await page.getByRole('button', { name: fa.app.switchLanguageLabel }).click();
    await page.getByRole('heading', { level: 1, name: en.track.title }).waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: en.track.title }).waitFor();
    await context.close();
  });

  it('has no serious or critical accessibility violation on any page, in either language', () => {
    expect(violations).toEqual([]);
    expect(shots.length).toBeGreaterThanOrEqual(40);
  });
});
