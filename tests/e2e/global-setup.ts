import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extensionDir } from './harness';

/** Builds the extensions once if `npm run test:e2e` has not just done so. */
export default function setup(): void {
  if (!existsSync(`${extensionDir()}/manifest.json`)) {
    execSync('npx wxt build', { stdio: 'inherit' });
  }
  const out = resolve(process.env.TOKENPRINT_OUT_DIR ?? '.output');
  if (!['firefox-mv2', 'firefox-mv3'].some((d) => existsSync(join(out, d, 'manifest.json')))) {
    execSync('npx wxt build -b firefox', { stdio: 'inherit' });
  }
}
