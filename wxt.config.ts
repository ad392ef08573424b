import preact from '@preact/preset-vite';
import type { Plugin, Rollup } from 'vite';
import { defineConfig } from 'wxt';
import { tokenizerAssets } from './lib/model/tokenize/assets';

// The chat sites. Content-script `matches` are the only host access we ask for.
export const CHAT_SITE_MATCHES = [
  'https://chatgpt.com/*',
  'https://chat.openai.com/*',
  'https://claude.ai/*',
  'https://chat.mistral.ai/*',
  'https://gemini.google.com/*',
];

/**
 * A `<link rel="modulepreload">` in each extension page for every chunk its entry imports,
 * directly or not: the browser fetches them all at once instead of finding each level of
 * imports only after the level above has loaded (the popup's chart came a round trip
 * later). Vite's own modulePreload stays off for the worker (see `build` below).
 */
function preloadPageChunks(): Plugin {
  return {
    name: 'tokenprint:preload-page-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk }) {
        if (!bundle || !chunk) return;
        const files = new Set<string>();
        const visit = (c: Rollup.OutputChunk) => {
          for (const f of c.imports) {
            const next = bundle[f];
            if (files.has(f) || next?.type !== 'chunk') continue;
            files.add(f);
            visit(next);
          }
        };
        visit(chunk);
        return [...files].map((f) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/**
 * The popup's first paint in two script files: its entry chunk (what only the popup uses)
 * and one `ui` chunk of every module of its static graph that another page or a lazy
 * import also uses (Preact, uPlot, the carbon model…). By default Rollup splits those by
 * which pages use them, and the popup waited for five chunks before its first render: each
 * script fetched from the extension delays it. Only for the pages' build: Rollup refuses
 * manualChunks in the single-file builds of the worker and content scripts.
 */
function popupSharedChunk(): Plugin {
  let pages = false;
  return {
    name: 'tokenprint:popup-shared-chunk',
    apply: 'build',
    options(o) {
      const input = o.input ?? [];
      pages = (typeof input === 'string' ? [input] : Object.values(input)).some((i) =>
        /entrypoints\/popup\/index\.html$/.test(i),
      );
    },
    outputOptions(out) {
      if (!pages) return;
      let shared: Set<string> | undefined;
      const manualChunks: Rollup.GetManualChunk = (id, { getModuleIds, getModuleInfo }) => {
        shared ??= (() => {
          const ids = [...getModuleIds()];
          const popup = ids.find((m) => /entrypoints\/popup\/index\.html$/.test(m));
          const reach = (from: string[], dynamic: boolean, seen = new Set<string>()) => {
            const stack = [...from];
            while (stack.length) {
              const m = stack.pop()!;
              if (seen.has(m)) continue;
              seen.add(m);
              const info = getModuleInfo(m);
              stack.push(...(info?.importedIds ?? []));
              if (dynamic) stack.push(...(info?.dynamicallyImportedIds ?? []));
            }
            return seen;
          };
          const first = reach(popup ? [popup] : [], false);
          // Everything the other pages and the popup's lazy imports reach.
          const others = reach(
            ids.filter((m) => !first.has(m)),
            true,
          );
          return new Set([...first].filter((m) => others.has(m)));
        })();
        return shared.has(id) ? 'ui' : undefined;
      };
      return { ...out, manualChunks };
    },
  };
}

/**
 * V8's explicit compile hint (`//# allFunctionsCalledOnLoad`, Chrome 136+) on the content
 * scripts: a chat page compiles each of their functions once, with the script, instead of
 * pre-parsing it then parsing and compiling it again when it is first called. Most of a
 * content script runs on every page visit (the scans, tracker, queue, messaging), and the
 * browser keeps no code cache for content scripts, so a lazily compiled function is
 * parsed twice on every visit. Added after minification, which would drop the comment; the
 * line must stay a comment of its own at the top of the file.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';
function contentScriptCompileHints(): Plugin {
  return {
    name: 'tokenprint:content-script-compile-hints',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const out of Object.values(bundle)) {
          if (out.type === 'chunk' && out.fileName.startsWith('content-scripts/'))
            out.code = `${COMPILE_HINT}\n${out.code}`;
        }
      },
    },
  };
}

/**
 * Firefox's add-on settings (issue #16). The id is Tokenprint's for good: AMO ties the
 * listing, updates and the extension's storage to it. Firefox 140 (an ESR) is the first to
 * read `data_collection_permissions`, which AMO requires of new add-ons (Firefox for Android:
 * 142); it also has everything else the e2e tests use: `storage.session` (115), main-world
 * content scripts (128), Web Locks and IndexedDB in the extension's origin. Tokenprint
 * collects nothing: 'none'.
 */
const FIREFOX_SETTINGS = {
  gecko: {
    id: '{1b622c74-c5d6-415f-b6e5-c73fb2168fd6}',
    strict_min_version: '140.0',
    data_collection_permissions: { required: ['none'] },
  },
  gecko_android: { strict_min_version: '142.0' },
};

export default defineConfig({
  // Parallel end-to-end runs (and the benchmarks) build into their own folder.
  outDir: process.env.TOKENPRINT_OUT_DIR ?? '.output',
  srcDir: '.',
  // No auto-imports: with srcDir '.', WXT would auto-import every export of components/ by
  // name, and it once pulled Preact and the carbon model into the content scripts (an
  // adapter method shared a name with a component export) and made chunk cycles. Every
  // module imports what it uses.
  imports: false,
  hooks: {
    // Compact rank tables generated from js-tiktoken's ranks (issue #4), packaged for the
    // background worker to fetch; content scripts never load them.
    'build:publicAssets': (_wxt, files) => {
      files.push(...tokenizerAssets());
    },
  },
  vite: () => ({
    plugins: [preact(), preloadPageChunks(), popupSharedChunk(), contentScriptCompileHints()],
    // The background worker has no `document`: Vite's modulepreload helper would throw there.
    build: { target: 'es2022', modulePreload: false },
  }),
  manifest: ({ browser }) => ({
    name: 'Tokenprint',
    description:
      'The carbon footprint of your AI chats, while you chat. Counts stay on your device.',
    // Storage only: no tabs, no host_permissions beyond the content-script matches,
    // no webRequest. Nothing here can reach the network.
    permissions: ['storage'],
    // English and French UI strings from public/_locales (issue #6).
    default_locale: 'en',
    action: { default_title: 'Tokenprint' },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; connect-src 'self'",
    },
    ...(browser === 'firefox' ? { browser_specific_settings: FIREFOX_SETTINGS } : {}),
  }),
});
