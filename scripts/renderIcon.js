#!/usr/bin/env node
// Renders docs/icon.svg (the source, kept out of the .vsix) to media/icon.png, the 128 px Marketplace icon, with the browser
// scripts/setup.js found. Run it after changing the SVG: node scripts/renderIcon.js
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const root = path.resolve(__dirname, '..');
const found = path.join(root, '.cache', 'chromium-path');
const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync(found) ? fs.readFileSync(found, 'utf8').trim() : '/usr/bin/chromium');

async function main() {
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0">${fs.readFileSync(path.join(root, 'docs', 'icon.svg'), 'utf8')}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(root, 'media', 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
  console.log('media/icon.png written (128 × 128)');
}

main().catch((error) => {
  console.error(`renderIcon: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
