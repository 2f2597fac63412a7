// Renders static/icon.svg into the PNG icons the web app manifest lists (static/icon-192.png,
// static/icon-512.png), with Debian's Chromium. Run by hand after changing the SVG:
//   node scripts/icons.mjs
// The PNGs are committed: the build never draws them.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const staticDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'static');
const svg = readFileSync(join(staticDir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<body style="margin:0"><img src="${src}" width="${size}" height="${size}"></body>`);
    await page.waitForFunction(() => document.images[0].complete);
    const file = join(staticDir, `icon-${size}.png`);
    await page.screenshot({ path: file, omitBackground: true });
    console.log(`wrote ${file}`);
    await page.close();
  }
} finally {
  await browser.close();
}
