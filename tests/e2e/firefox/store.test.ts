import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extensionDir } from '../harness';
import { firefoxExtensionDir, type Manifest } from './harness';

/** The packages the two stores take (issue #16): manifests, icons, lint, reproducible zips. */
const chromeDir = extensionDir();
const firefoxDir = firefoxExtensionDir();
const manifestOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest & {
    icons?: Record<string, string>;
    description: string;
    name: string;
  };
/** Width and height of a PNG, from its header. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString()).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('store packages', () => {
  it('the Firefox manifest has a real id, declares no data collection and a minimum version this Firefox meets', () => {
    const { gecko } = manifestOf(firefoxDir).browser_specific_settings as {
      gecko: { id: string; strict_min_version: string; data_collection_permissions: unknown };
    };
    expect(gecko.id).toMatch(
      /^\{[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\}$/,
    );
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
    // The Firefox the e2e tests ran in is at least the minimum the manifest asks for.
    const tested = execFileSync(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', ['--version'], {
      encoding: 'utf8',
    }).match(/(\d+)\.\d+/)!;
    expect(Number(tested[1])).toBeGreaterThanOrEqual(
      Number(gecko.strict_min_version.split('.')[0]),
    );
    expect(Number(gecko.strict_min_version.split('.')[0])).toBeGreaterThanOrEqual(140);
  });

  it.each([
    ['Chrome', chromeDir, ['16', '32', '48', '128']],
    ['Firefox', firefoxDir, ['48', '96']],
  ])('the %s manifest lists icons at the sizes its store asks for', (_, dir, sizes) => {
    const icons = manifestOf(dir).icons ?? {};
    for (const s of sizes) {
      expect(icons[s], `icon ${s}`).toBeDefined();
      expect(pngSize(join(dir, icons[s]!))).toEqual([Number(s), Number(s)]);
    }
  });

  it('the Chrome manifest passes the Web Store limits (name ≤ 75, description ≤ 132 characters)', () => {
    const m = manifestOf(chromeDir);
    expect(m.manifest_version).toBe(3);
    expect(m.name.length).toBeLessThanOrEqual(75);
    expect(m.description.length).toBeLessThanOrEqual(132);
    expect(m).not.toHaveProperty('key');
  });

  it('both builds ship the privacy policy', () => {
    for (const dir of [chromeDir, firefoxDir]) {
      const html = readFileSync(join(dir, 'privacy.html'), 'utf8');
      expect(html).toContain('The text of your messages is never stored');
      expect(html).toContain("Le texte de vos messages n'est jamais conservé");
    }
  });

  it('web-ext lint finds no error in the Firefox build', () => {
    const run = () => {
      try {
        return execFileSync('npx', ['web-ext', 'lint', '-s', firefoxDir, '-o', 'json'], {
          encoding: 'utf8',
        });
      } catch (e) {
        return String((e as { stdout?: string }).stdout ?? ''); // exit 1 when it finds errors
      }
    };
    const r = JSON.parse(run()) as Record<'errors' | 'warnings', { code: string; file: string }[]>;
    expect(r.errors).toEqual([]);
    // The one warning: Preact's own `dangerouslySetInnerHTML` support (the UI never uses it).
    expect(r.warnings.map((w) => `${w.code} ${w.file.replace(/-[\w-]+\.js$/, '.js')}`)).toEqual([
      'UNSAFE_VAR_ASSIGNMENT chunks/ui.js',
    ]);
  }, 60_000);

  it('npm run zip gives the same bytes twice, each zip holding exactly its build', () => {
    const out = resolve(process.env.TOKENPRINT_OUT_DIR ?? '.output');
    const zip = () =>
      execFileSync('node', ['store/zip.mjs', '--no-build'], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean);
    const first = zip();
    expect(first).toHaveLength(3);
    expect(zip()).toEqual(first);
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string })
      .version;
    for (const [name, dir] of [
      ['chrome', chromeDir],
      ['firefox', firefoxDir],
    ] as const) {
      const entries = unzipSync(readFileSync(join(out, `tokenprint-${version}-${name}.zip`)));
      const files = Object.keys(entries);
      expect(files).toContain('manifest.json');
      expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe(
        Buffer.from(entries['manifest.json']!).toString(),
      );
      expect(files.every((f) => existsSync(join(dir, f)))).toBe(true);
      expect(files).toHaveLength(
        readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length,
      );
    }
    const sources = Object.keys(
      unzipSync(readFileSync(join(out, `tokenprint-${version}-sources.zip`))),
    );
    expect(sources).toEqual(expect.arrayContaining(['package-lock.json', 'store/zip.mjs']));
    expect(sources.some((f) => f.startsWith('node_modules/') || f.startsWith('.output'))).toBe(
      false,
    );
  }, 60_000);
});
