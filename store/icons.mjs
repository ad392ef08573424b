// Renders assets/icon.svg to the PNG sizes the stores ask for (issue #16): 16, 32, 48 and
// 128 for Chrome's manifest and its store, 48 and 96 for Firefox and AMO. WXT lists every
// public/icon/<size>.png in the manifest. The PNGs are committed: run after changing the SVG.
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const SIZES = [16, 32, 48, 96, 128];
const svg = readFileSync(new URL('../assets/icon.svg', import.meta.url), 'utf8');
const out = new URL('../public/icon/', import.meta.url);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
for (const size of SIZES) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  );
  await page.screenshot({ path: new URL(`${size}.png`, out).pathname, omitBackground: true });
  await page.close();
}
await browser.close();
