import { buildTable } from './build-table';
import { TABLE_FORMAT, type Encoding } from './format';

/**
 * Node side of the rank tables: used by the WXT build hook (which packages them into the
 * extension) and by countTokens when it runs under Node (unit tests, `npm run bench`).
 * Node's modules are reached through `process.getBuiltinModule` (Node ≥ 20.16) rather than
 * static `node:` imports, because this file is also part of the background bundle, where
 * the Node branch is never taken.
 */

interface NodeModules {
  fs: typeof import('node:fs');
  path: typeof import('node:path');
  module: typeof import('node:module');
}

function nodeModules(): NodeModules {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (!proc?.getBuiltinModule) throw new Error('tokenize: needs Node ≥ 20.16 outside the browser');
  return {
    fs: proc.getBuiltinModule('node:fs') as NodeModules['fs'],
    path: proc.getBuiltinModule('node:path') as NodeModules['path'],
    module: proc.getBuiltinModule('node:module') as NodeModules['module'],
  };
}

/** True under Node (and not in an extension page or worker). */
export function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/**
 * Path of the compact table for `encoding`, generated from js-tiktoken's installed rank
 * module on first use and cached under node_modules/.cache/tokenprint/ (keyed by the
 * js-tiktoken version and our table format, so an upgrade rebuilds it).
 */
export function ensureTableFile(encoding: Encoding, root = nodeProcessCwd()): string {
  const { fs, path, module } = nodeModules();
  const require = module.createRequire(path.join(root, 'package.json'));
  const rankModule = require.resolve(`js-tiktoken/ranks/${encoding}`);
  const pkgFile = path.join(rankModule.slice(0, rankModule.lastIndexOf('dist')), 'package.json');
  const version = (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { version: string }).version;
  const dir = path.join(root, 'node_modules', '.cache', 'tokenprint');
  const file = path.join(dir, `${encoding}.js-tiktoken-${version}.f${TABLE_FORMAT}.bin`);
  if (fs.existsSync(file)) return file;
  const table = buildTable(encoding, fs.readFileSync(rankModule, 'utf8'));
  fs.mkdirSync(dir, { recursive: true });
  for (const old of fs.readdirSync(dir)) {
    if (old.startsWith(`${encoding}.`) && old.endsWith('.bin')) fs.rmSync(path.join(dir, old));
  }
  // Write-then-rename: parallel test workers may build the same table at once.
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, table);
  fs.renameSync(tmp, file);
  return file;
}

/** The compact table for `encoding`, read from (or first written to) the Node cache. */
export function readTableNode(encoding: Encoding): Uint8Array {
  const { fs } = nodeModules();
  return new Uint8Array(fs.readFileSync(ensureTableFile(encoding)));
}

function nodeProcessCwd(): string {
  return (globalThis as unknown as { process: { cwd(): string } }).process.cwd();
}
