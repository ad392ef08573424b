// `npm run zip` (issue #16): the three files the stores take, reproducible byte for byte.
//   tokenprint-<version>-chrome.zip    Chrome Web Store upload (the chrome-mv3 build)
//   tokenprint-<version>-firefox.zip   addons.mozilla.org upload (the Firefox build)
//   tokenprint-<version>-sources.zip   the source archive AMO asks for: every file git
//                                      tracks (or would track), from which `npm ci && npm
//                                      run zip` rebuilds the same Firefox zip
// WXT's own `wxt zip` stamps each entry with the time of zipping and lists them in the
// order the file system gives: two runs never give the same bytes. Here entries are sorted
// and dated 1980-01-01 (the zip format's epoch), so the same build gives the same zip.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { zipSync } from 'fflate';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, process.env.TOKENPRINT_OUT_DIR ?? '.output');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const EPOCH = new Date(1980, 0, 1, 0, 0, 0);

const wxt = (...args) =>
  execFileSync('npx', ['wxt', 'build', ...args], { cwd: root, stdio: 'inherit' });
if (!process.argv.includes('--no-build')) {
  wxt();
  wxt('-b', 'firefox', ...(process.env.TOKENPRINT_FIREFOX_MV3 ? ['--mv3'] : []));
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

function zip(name, base, files) {
  const entries = {};
  for (const f of [...files].sort()) {
    entries[relative(base, f).split('\\').join('/')] = [
      readFileSync(f),
      { mtime: EPOCH, level: 9 },
    ];
  }
  const bytes = zipSync(Object.fromEntries(Object.entries(entries).sort()), { mtime: EPOCH });
  const path = join(out, name);
  writeFileSync(path, bytes);
  const sha = createHash('sha256').update(bytes).digest('hex');
  console.log(`${relative(root, path)}  ${(bytes.length / 1024).toFixed(0)} KB  sha256 ${sha}`);
}

const firefox = ['firefox-mv2', 'firefox-mv3']
  .map((d) => join(out, d))
  .filter((d) => existsSync(join(d, 'manifest.json')))
  .sort(
    (a, b) =>
      statSync(join(b, 'manifest.json')).mtimeMs - statSync(join(a, 'manifest.json')).mtimeMs,
  )[0];
zip(
  `tokenprint-${version}-chrome.zip`,
  join(out, 'chrome-mv3'),
  filesUnder(join(out, 'chrome-mv3')),
);
zip(`tokenprint-${version}-firefox.zip`, firefox, filesUnder(firefox));
// The source archive lists what git tracks: an unpacked source archive (a reviewer's
// rebuild) has no git, and needs no new archive.
if (existsSync(join(root, '.git'))) {
  const tracked = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: root, encoding: 'utf8' },
  );
  const sources = tracked
    .split('\0')
    .filter((f) => f && existsSync(join(root, f)))
    .map((f) => join(root, f));
  zip(`tokenprint-${version}-sources.zip`, root, sources);
} else {
  console.log('not a git checkout: no source archive');
}
