import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import exifr from 'exifr';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import sharp from 'sharp';
import { ApiClient, ProcessStack, userWithRole, waitFor } from '@tools/stack';
import { newTestEnv, TestEnv } from '@app/testing';
import { expectAccessible } from './support/axe';

const ARTIFACTS = resolve(__dirname, '../../test-artifacts/attachments-console');
const PASSWORD = 'test-password-123';
const WARD = 'Phường 16';
const TEXT =
  'Chiều nay có người lạ đi xe máy biển số 59-X1 234.56 đứng canh trước cổng trường tiểu học, tôi đã chụp lại biển số.';

/** A phone photo of a plate: a JPEG with the place it was taken in its EXIF. */
async function photoWithGps(): Promise<Buffer> {
  return sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: 30, g: 90, b: 160 } },
  })
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'TestPhone' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '10/1 45/1 36/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 42/1 0/1',
      },
    })
    .toBuffer();
}

/**
 * Evidence in a real browser: a citizen picks a photo on the public page while sending a tip
 * (it goes up with a progress bar once the tip is stored), and an investigator downloads it from
 * the lead's page, without its GPS tags, matching the SHA-256 the page shows.
 */
describe('evidence in the web console (headless Chromium)', () => {
  let env: TestEnv;
  let stack: ProcessStack;
  let context: BrowserContext;
  let userDataDir: string;
  let investigator: ApiClient;
  let supervisor: ApiClient;
  const pageErrors: string[] = [];

  async function newPage(): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    return page;
  }

  beforeAll(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    env = newTestEnv('attachments_console');
    stack = await ProcessStack.create({ ...env, env: { JOB_BACKOFF_MS: '100' } });
    await stack.startAll();
    investigator = await userWithRole(stack.baseUrl, 'investigator');
    supervisor = await userWithRole(stack.baseUrl, 'supervisor');
    userDataDir = mkdtempSync(join(tmpdir(), 'tiptrace-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      acceptDownloads: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
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

  it('a citizen sends a photo with the tip; an investigator downloads it without its GPS tags', async () => {
    const photo = await photoWithGps();
    expect(await exifr.gps(photo)).toBeDefined();

    const page = await newPage();
    await page.goto(`${stack.baseUrl}/tip`);
    await page.getByLabel('Loại việc').selectOption('other');
    await page.getByLabel('Phường').selectOption(WARD);
    await page.getByLabel('Bạn thấy hoặc biết điều gì?').fill(TEXT);
    await page.getByTestId('metadata-note').first().waitFor();
    await page
      .getByTestId('public-files')
      .setInputFiles({ name: 'bien-so.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: 'Gửi tin báo' }).click();
    const reference = (await page.getByTestId('public-reference').innerText()).trim();
    await page.getByTestId('upload-done').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, '01-public-photo-sent.png'), fullPage: true });
    await expectAccessible(page, 'public tip sent with a photo');
    await page.close();

    const found = await supervisor.must<{ items: { id: string; attachmentCount: number }[] }>(
      'GET',
      `/api/tips?reference=${encodeURIComponent(reference)}`,
    );
    const tipId = found.body.items[0].id;
    expect(found.body.items[0].attachmentCount).toBe(1);
    const lead = await waitFor(
      async () => {
        const r = await investigator.call<{ id: string }>('POST', '/api/leads/claim', {
          wards: [WARD],
        });
        return r.status === 200 ? r.body : undefined;
      },
      30_000,
      () => `a lead for tip ${tipId}`,
      500,
    );

    const inv = await newPage();
    await inv.goto(`${stack.baseUrl}/login`);
    await inv.getByLabel('Tên đăng nhập').fill(investigator.username);
    await inv.getByLabel('Mật khẩu').fill(PASSWORD);
    await inv.keyboard.press('Enter');
    await inv.getByTestId('who').waitFor();
    await inv.goto(`${stack.baseUrl}/leads/${lead.id}`);
    const item = inv.getByTestId('attachment-item').first();
    await item.waitFor();
    const shown = await item.innerText();
    const [download] = await Promise.all([
      inv.waitForEvent('download'),
      item.getByTestId('attachment-download').click(),
    ]);
    const file = join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(file);
    await inv.screenshot({ path: join(ARTIFACTS, '02-lead-with-photo.png'), fullPage: true });
    await expectAccessible(inv, 'lead with a photo');
    await inv.close();

    const bytes = readFileSync(file);
    expect(download.suggestedFilename()).toMatch(/\.jpg$/);
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(await exifr.gps(bytes)).toBeUndefined();
    // The page shows the SHA-256 of the very bytes it handed over.
    expect(shown).toContain(createHash('sha256').update(bytes).digest('hex'));
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
