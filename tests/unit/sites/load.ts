import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Parses a saved page into the current (happy-dom) document without running its scripts:
 * the static DOM is what the adapters are checked against.
 */
export function loadFixture(file: string): Document {
  const html = readFileSync(resolve('tests/fixtures', file), 'utf8').replace(
    /<script[\s\S]*?<\/script>/gi,
    '',
  );
  const doc = document.implementation.createHTMLDocument('fixture');
  doc.documentElement.innerHTML = html
    .replace(/^[\s\S]*?<html[^>]*>/i, '')
    .replace(/<\/html>\s*$/i, '');
  return doc;
}
