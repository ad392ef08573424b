import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { extensionDir } from './harness';

/** Builds the extension once if `npm run test:e2e` has not just done so. */
export default function setup(): void {
  if (!existsSync(`${extensionDir()}/manifest.json`)) {
    execSync('npx wxt build', { stdio: 'inherit' });
  }
}
