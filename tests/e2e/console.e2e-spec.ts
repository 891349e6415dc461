import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CATEGORIES, type Category } from '@app/contracts';
import { ApiClient, ProcessStack, userWithRole, waitFor } from '@app/stack';
import { newTestEnv, newTip, TestEnv } from '@app/testing';

const ARTIFACTS = resolve(__dirname, '../../test-artifacts/console');
const DOCS_SHOTS = resolve(__dirname, '../../docs/screenshots');
const PASSWORD = 'test-password-123';
const OPERATOR_WARD = 'Phường 13';
const PUBLIC_WARD = 'Phường 18';
const PUBLIC_TEXT =
  'Tối nào cũng có nhóm thanh niên tụ tập đánh bạc ăn tiền trong căn nhà cuối hẻm 12 đường Khánh Hội, khoảng 22 giờ thì đông nhất.';

/**
 * The web console in a real browser (Debian's chromium driven by playwright-core) against the
 * real processes: a citizen sends a tip and follows it up, an operator takes a call by keyboard,
 * an investigator claims the lead, opens a case and records an arrest, the supervisor sees the
 * funnel and the trace change. Every page is saved as a screenshot under test-artifacts/console
 * (UPDATE_SCREENSHOTS=1 also refreshes the README's docs/screenshots).
 */
describe('web console (headless Chromium)', () => {
  let env: TestEnv;
  let stack: ProcessStack;
  let context: BrowserContext;
  let userDataDir: string;
  const users: Record<string, ApiClient> = {};
  const pageErrors: string[] = [];
  let operatorRef = '';
  let operatorTipId = '';
  let followUpCode = '';
  let caseId = '';

  async function shot(page: Page, name: string, docsName?: string): Promise<void> {
    const file = join(ARTIFACTS, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    if (docsName && process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(DOCS_SHOTS, { recursive: true });
      copyFileSync(file, join(DOCS_SHOTS, `${docsName}.png`));
    }
  }

  async function newPage(): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 40[49]|status of 400/.test(m.text())) {
        pageErrors.push(`console: ${m.text()}`);
      }
    });
    return page;
  }

  async function login(page: Page, role: string): Promise<void> {
    await page.goto(`${stack.baseUrl}/login`);
    await page.getByLabel('Tên đăng nhập').fill(users[role].username);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('who').waitFor();
  }

  /** The name of the focused form control (the tests run without the DOM types). */
  const focusedName = (page: Page) =>
    page.evaluate<string | null>('document.activeElement && document.activeElement.name');

  /** Waits until the locator's text matches (the pages poll the API every few seconds). */
  async function textOf(locator: Locator, re: RegExp, timeoutMs = 30_000): Promise<string> {
    try {
      return await waitFor(
        async () => {
          // innerText for HTML, textContent for SVG (the funnel's figures).
          const t = await locator
            .innerText({ timeout: 2_000 })
            .catch(() => locator.textContent({ timeout: 2_000 }));
          return t !== null && re.test(t) ? t : undefined;
        },
        timeoutMs,
        async () =>
          `${re} in ${String(locator)}: "${await locator.innerText({ timeout: 1000 }).catch(() => '?')}"`,
        250,
      );
    } catch (err) {
      // What the page showed, for the failure report.
      await locator
        .page()
        .screenshot({ path: join(ARTIFACTS, `failure-${Date.now()}.png`), fullPage: true })
        .catch(() => undefined);
      throw err;
    }
  }

  beforeAll(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    env = newTestEnv('console');
    stack = await ProcessStack.create({ ...env, env: { JOB_BACKOFF_MS: '100' } });
    await stack.startAll();
    for (const role of ['operator', 'investigator', 'supervisor', 'admin'] as const) {
      users[role] = await userWithRole(stack.baseUrl, role);
    }
    userDataDir = mkdtempSync(join(tmpdir(), 'tiptrace-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
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
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await stack?.stop();
    await env?.cleanup();
  });

  it('serves the console at / with a strict page CSP, and leaves API paths alone', async () => {
    const res = await fetch(`${stack.baseUrl}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<div id="root"></div>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("connect-src 'self'");
    // A page of the app (SPA fallback) and a missing file.
    expect((await fetch(`${stack.baseUrl}/cases/123`)).status).toBe(200);
    expect((await fetch(`${stack.baseUrl}/assets/nothing-here.js`)).status).toBe(404);
    const unknown = await fetch(`${stack.baseUrl}/api/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ statusCode: 404 });
    expect(unknown.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await fetch(`${stack.baseUrl}/health`)).status).toBe(200);
  });

  it('a citizen sends a tip without an account and is shown the follow-up code once', async () => {
    const page = await newPage();
    await page.goto(stack.baseUrl);
    await page.getByRole('heading', { name: /Báo tin tội phạm/ }).waitFor();
    await shot(page, '01-public-home');
    await page.getByRole('link', { name: 'Gửi tin báo' }).first().click();
    await page.getByLabel('Loại việc').selectOption('gambling');
    await page.getByLabel('Phường').selectOption(PUBLIC_WARD);
    await page.getByLabel('Bạn thấy hoặc biết điều gì?').fill(PUBLIC_TEXT);
    await page.getByLabel('Số điện thoại').fill('0903123456');
    await shot(page, '02-public-tip-form');
    await page.getByRole('button', { name: 'Gửi tin báo' }).click();
    followUpCode = (await page.getByTestId('follow-up-code').innerText()).trim();
    expect(followUpCode.replace(/-/g, '')).toMatch(/^[0-9A-Z]{24}$/);
    await shot(page, '03-public-tip-sent');
    // The code is in the page, never in its address.
    expect(page.url()).not.toContain(followUpCode);
    await page.close();
  });

  it('an operator takes a phone tip with the keyboard only, with per-field messages from the API', async () => {
    const page = await newPage();
    await login(page, 'operator');
    expect(new URL(page.url()).pathname).toBe('/intake');
    await textOf(page.locator('.field', { has: page.locator('input[name=ward]') }), /18/);
    await shot(page, '04-operator-intake-empty');
    const tip = newTip({ ward: OPERATOR_WARD });
    const category = tip.category as Category;
    // The ward has the focus: its number, Tab, the category, Tab (channel), Tab, the text.
    expect(await focusedName(page)).toBe('ward');
    await page.keyboard.type(OPERATOR_WARD.replace(/\D/g, ''));
    await page.keyboard.press('Tab');
    // Arrow keys pick the category (the list is in the reference's order, after "— choose —").
    for (let i = 0; i <= CATEGORIES.indexOf(category); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ngắn');
    await page.keyboard.press('Control+Enter');
    // 400 from the API: its message for the field, under the field, and the focus on it.
    const err = page.locator('.field-invalid', { has: page.locator('textarea') });
    await textOf(err.getByTestId('field-error'), /10 đến 5000 ký tự/);
    await shot(page, '05-operator-intake-validation');
    expect(await page.locator('input[name=ward]').inputValue()).toBe(OPERATOR_WARD);
    expect(await page.locator('select[name=category]').inputValue()).toBe(category);
    expect(await page.locator('.field-invalid').count()).toBe(1);
    expect(await focusedName(page)).toBe('description');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(tip.description));
    await page.keyboard.press('Control+Enter');
    operatorRef = (await page.getByTestId('intake-reference').innerText()).trim();
    expect(operatorRef).toMatch(/^TT-\d{2}-[0-9A-Z]+$/);
    // The caller is read a follow-up code (asked for by default).
    const callerCode = (await page.getByTestId('intake-code').innerText()).trim();
    expect(callerCode.replace(/-/g, '')).toMatch(/^[0-9A-Z]{24}$/);
    // Ready for the next call: empty form, focus back on the ward.
    expect(await page.locator('textarea[name=description]').inputValue()).toBe('');
    expect(await focusedName(page)).toBe('ward');
    // The operator's recent tips follow the tip through triage and linkage (real workers).
    const row = page.getByTestId('recent-tips').locator('tr', { hasText: operatorRef });
    await textOf(row, /Chờ xác minh/, 30_000);
    const listed = await users.operator.must<{ items: { id: string }[] }>(
      'GET',
      `/api/tips?reference=${operatorRef}`,
    );
    operatorTipId = listed.body.items[0].id;
    await shot(page, '06-operator-intake', 'operator');
    // English second: the same page in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Take a tip' }).waitFor();
    await textOf(row, /Lead open/);
    await shot(page, '07-operator-intake-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.close();
  }, 120_000);

  it('an investigator claims the lead, opens a new case, records an arrest and messages a tipster', async () => {
    const page = await newPage();
    await login(page, 'investigator');
    expect(new URL(page.url()).pathname).toBe('/leads');
    await page.getByText('Lọc theo phường').click();
    await page.getByRole('checkbox', { name: OPERATOR_WARD, exact: true }).check();
    await page.getByRole('button', { name: 'Nhận manh mối tiếp theo' }).click();
    const panel = page.getByTestId('lead-panel');
    await textOf(panel.getByTestId('lead-tip').first(), new RegExp(operatorRef));
    await textOf(panel.getByTestId('lease-left'), /Còn giữ 1[45]:\d\d/);
    await shot(page, '08-investigator-lead', 'investigator');
    await page.getByRole('button', { name: 'Gia hạn' }).click();
    await page.getByLabel('Tên vụ việc').fill(`Vụ việc tại ${OPERATOR_WARD} (tin ${operatorRef})`);
    await page.getByLabel('Mức độ').selectOption('serious');
    await page.getByRole('button', { name: 'Mở vụ việc và gắn manh mối' }).click();
    await page.getByTestId('case-page').waitFor();
    caseId = new URL(page.url()).pathname.split('/')[2];
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    await textOf(page.getByTestId('case-status'), /Đang mở/);
    await page.getByLabel('Họ tên người bị bắt').fill('Trần Văn Bắt');
    await page.getByLabel('Tội danh').fill('Điều 168');
    await page.getByRole('button', { name: 'Ghi nhận bắt giữ' }).click();
    await textOf(page.getByTestId('arrests'), /Trần Văn Bắt/);
    await shot(page, '09-investigator-case');
    const c = await users.investigator.must<{ arrests: unknown[]; tipIds: string[] }>(
      'GET',
      `/api/cases/${caseId}`,
    );
    expect(c.body.arrests).toHaveLength(1);
    expect(c.body.tipIds).toContain(operatorTipId);

    // The citizen's tip: claim its lead (by ward) and write to the tipster.
    await page.getByRole('link', { name: 'Manh mối' }).click();
    await page.getByText('Lọc theo phường').click();
    await page.getByRole('checkbox', { name: PUBLIC_WARD, exact: true }).check();
    await waitFor(
      async () => {
        await page.getByRole('button', { name: 'Nhận manh mối tiếp theo' }).click();
        return (await page.getByTestId('lead-panel').count()) > 0;
      },
      30_000,
      () => 'the public tip to reach a lead',
      1_000,
    );
    const tipCard = page.getByTestId('lead-tip').first();
    await textOf(tipCard, /đánh bạc/);
    await tipCard.getByRole('button', { name: 'Tin nhắn với người báo' }).click();
    await tipCard.getByLabel('Nhắn cho người báo').fill('Cảm ơn anh/chị. Căn nhà có cổng màu gì?');
    await tipCard.getByRole('button', { name: 'Gửi', exact: true }).click();
    await textOf(tipCard.getByTestId('staff-thread'), /cổng màu gì/);
    await shot(page, '10-investigator-message');
    await page.close();
  }, 120_000);

  it('the citizen follows up with the code: status and thread, and answers', async () => {
    const page = await newPage();
    await page.goto(`${stack.baseUrl}/follow-up`);
    await page.getByLabel('Mã theo dõi').fill(followUpCode.toLowerCase());
    await page.getByRole('button', { name: 'Xem tình trạng' }).click();
    await textOf(page.getByTestId('public-status'), /Đang xác minh/);
    await textOf(page.getByTestId('public-thread'), /cổng màu gì/);
    await page.getByLabel('Nhắn cho cán bộ').fill('Cổng sắt màu xanh, có camera phía trên.');
    await page.getByRole('button', { name: 'Gửi tin nhắn' }).click();
    await textOf(page.getByTestId('public-thread'), /Cổng sắt màu xanh/);
    await shot(page, '11-public-follow-up', 'public');
    // A wrong code: a plain answer, nothing else.
    await page.getByRole('button', { name: /Thoát/ }).click();
    await page.getByLabel('Mã theo dõi').fill('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01');
    await page.getByRole('button', { name: 'Xem tình trạng' }).click();
    await textOf(page.locator('.error-note'), /Không có tin báo nào ứng với mã này/);
    expect(page.url()).toBe(`${stack.baseUrl}/follow-up`);
    await page.close();
  }, 60_000);

  it('the supervisor sees the funnel, the trace, the year report, the audit log and the queues', async () => {
    const page = await newPage();
    await login(page, 'supervisor');
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await page.getByRole('button', { name: '7 ngày' }).click();
    // Reports lag the events by at most 5 s; the dashboard refreshes every 5 s.
    await textOf(page.getByTestId('funnel-arrestsFromTips'), /^1$/, 20_000);
    await textOf(page.getByTestId('funnel-tipsReceived'), /^2$/);
    await textOf(page.getByTestId('funnel-tipsLinked'), /^1$/);
    await textOf(page.getByTestId('funnel-casesFromTips'), /^1$/);
    await textOf(page.getByTestId('by-ward'), new RegExp(OPERATOR_WARD));
    await shot(page, '12-supervisor-dashboard', 'supervisor');
    await page.getByLabel('Phường').selectOption(PUBLIC_WARD);
    await textOf(page.getByTestId('funnel-tipsLinked'), /^0$/);
    await textOf(page.getByTestId('funnel-tipsReceived'), /^1$/);

    await page.getByRole('link', { name: 'Hành trình tin báo' }).click();
    await page.getByLabel('Số tham chiếu hoặc mã tin báo').fill(operatorRef);
    await page.keyboard.press('Enter');
    const timeline = page.getByTestId('timeline');
    await textOf(timeline, /Gắn vào vụ việc/);
    // The arrest reaches the tip's trace through the outcome worker.
    await textOf(timeline, /Ghi nhận bắt giữ/, 30_000);
    const types = await timeline
      .locator('li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    // In time order; the arrest carries the time it happened, as typed (to the minute).
    expect(types).toEqual(
      expect.arrayContaining([
        'received',
        'triaged',
        'lead_opened',
        'claimed',
        'linked',
        'arrest_recorded',
      ]),
    );
    expect(types.indexOf('received')).toBeLessThan(types.indexOf('linked'));
    expect(new URL(page.url()).pathname).toBe(`/trace/${operatorTipId}`);
    await shot(page, '13-supervisor-trace');

    await page.getByRole('link', { name: 'Báo cáo năm' }).click();
    await textOf(page.getByTestId('annual-text'), /2023/);
    await shot(page, '14-supervisor-annual');

    await page.getByRole('link', { name: 'Nhật ký kiểm toán' }).click();
    await textOf(page.getByTestId('audit-table'), /case/);
    await page.getByRole('button', { name: 'Kiểm tra toàn bộ nhật ký' }).click();
    await textOf(page.getByTestId('audit-verify'), /Hợp lệ: \d+ mục/);
    await page.locator('select[name=entityType]').selectOption('case');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await textOf(page.getByTestId('audit-table'), /case/);
    expect(await page.getByTestId('audit-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await shot(page, '15-supervisor-audit');

    await page.getByRole('link', { name: 'Hàng đợi' }).click();
    const queues = page.getByTestId('queues');
    await textOf(queues, /triage[\s\S]*linkage[\s\S]*outcomes/);
    await shot(page, '16-supervisor-queues');
    await page.close();
  }, 120_000);

  it('shows each role only its pages, and fetches nothing for a page a role may not open', async () => {
    const page = await newPage();
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) apiCalls.push(`${r.method()} ${path}`);
    });
    await login(page, 'operator');
    const nav = await page.getByRole('navigation').innerText();
    expect(nav).toContain('Tiếp nhận tin báo');
    expect(nav).not.toMatch(/Tổng quan|Manh mối|Nhật ký|Hàng đợi/);
    apiCalls.length = 0;
    for (const path of ['/dashboard', '/audit', '/leads', `/cases/${caseId}`, '/queues']) {
      // In-app navigation (no page load), as a typed address would be after one.
      await page.evaluate(
        `history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent('popstate'))`,
      );
      await page
        .getByRole('heading', { name: 'Trang này không dành cho vai trò của bạn' })
        .waitFor();
    }
    await shot(page, '17-operator-denied');
    expect(apiCalls.filter((c) => !c.includes('/api/tips'))).toEqual([]);

    // The administrator manages accounts and sees queue health, nothing else.
    const admin = await newPage();
    await login(admin, 'admin');
    expect(new URL(admin.url()).pathname).toBe('/users');
    const adminNav = await admin.getByRole('navigation').innerText();
    expect(adminNav).toMatch(/Người dùng[\s\S]*Hàng đợi|Hàng đợi[\s\S]*Người dùng/);
    expect(adminNav).not.toMatch(/Tổng quan|Manh mối|Tiếp nhận/);
    await admin.getByLabel('Tên đăng nhập').fill(`op-${Date.now()}`);
    await admin.getByLabel('Mật khẩu').fill('another-password-1');
    await admin.getByRole('button', { name: 'Tạo', exact: true }).click();
    await admin.locator('.list li').first().waitFor();
    await shot(admin, '18-admin-users');
    await admin.close();
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
