#!/usr/bin/env node
// The README's two 2023 pictures, from a console serving the demo's year:
//   npm run demo -- --serve        (in another terminal; it prints the console's address)
//   node scripts/demo-screenshots.js http://127.0.0.1:PORT
// Logs in as a demo supervisor in headless Chromium (CHROMIUM, default /usr/bin/chromium) and
// saves docs/screenshots/supervisor-2023.png (the dashboard's 2023 funnel) and
// docs/screenshots/annual-2023.png (the year-end report).
const { join } = require('node:path');
const { chromium } = require('playwright-core');

const base = (process.argv[2] || '').replace(/\/$/, '');
if (!base) {
  console.error('usage: node scripts/demo-screenshots.js <console address>');
  process.exit(2);
}
const SHOTS = join(__dirname, '../docs/screenshots');

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--lang=vi-VN'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await page.goto(`${base}/login`);
    await page.getByLabel('Tên đăng nhập').fill('sup.lan');
    await page.getByLabel('Mật khẩu').fill('demo-password-2023');
    await page.keyboard.press('Enter');
    await page.getByTestId('who').waitFor();

    await page.goto(`${base}/dashboard`);
    await page.getByRole('button', { name: '2023', exact: true }).click();
    await page.getByText('1.200').first().waitFor();
    // The page keeps a live stream open, so the network is never idle: let the charts settle.
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(SHOTS, 'supervisor-2023.png'), fullPage: true });

    await page.goto(`${base}/annual`);
    await page.getByText('2023').first().waitFor();
    // The page keeps a live stream open, so the network is never idle: let the charts settle.
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(SHOTS, 'annual-2023.png'), fullPage: true });
    console.log(`saved ${join(SHOTS, 'supervisor-2023.png')} and annual-2023.png`);
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
