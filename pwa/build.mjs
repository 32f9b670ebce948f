// Builds the Trappen PWA into dist/ (or --out DIR).
//
// The output is deterministic: the same sources give byte-identical files,
// because build_test.go compares a fresh build with the committed dist/.
// So: no timestamps, no absolute paths, content hashes only, sorted lists.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import * as sass from 'sass';

const root = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(root, argValue('--out') ?? 'dist');

const THEME_COLOR = '#3c5c22'; // borger.dk primary-dark; white text on it is 7.4:1
const BACKGROUND_COLOR = '#ffffff';
const FONT_WEIGHTS = [400, 600]; // IBM Plex Sans, latin subset, woff2

// Requests the service worker precaches besides the files written here.
// '/' is the app shell (index.html); the catalogs are served by the Go server,
// and so are the catalog parts the citizen's and the employer's screens load
// (i18n.Parts; the caseworker's is left out, as their screens are not for
// offline use). Without them a screen opened offline — or on a connection
// that never answers — would wait for its words for ever (pwa/embed_test.go).
const OFFLINE_PARTS = ['citizen', 'employer', 'pages'];
const EXTRA_PRECACHE = ['/', ...['da', 'en'].flatMap((l) => [`/i18n/${l}.json`, ...OFFLINE_PARTS.map((p) => `/i18n/${l}.${p}.json`)])];

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function hash(data, length = 10) {
  return createHash('sha256').update(data).digest('hex').slice(0, length);
}

const files = new Map(); // dist-relative path → Buffer

function emit(path, data) {
  files.set(path, Buffer.isBuffer(data) ? data : Buffer.from(data));
}

function emitHashed(prefix, ext, data) {
  const path = `assets/${prefix}-${hash(data)}.${ext}`;
  emit(path, data);
  return path;
}

function buildFonts() {
  const dir = join(root, 'node_modules/@fontsource/ibm-plex-sans/files');
  return FONT_WEIGHTS.map((weight) => {
    const data = readFileSync(join(dir, `ibm-plex-sans-latin-${weight}-normal.woff2`));
    return { weight, path: emitHashed(`ibm-plex-sans-${weight}`, 'woff2', data) };
  });
}

function fontFaceCSS(fonts) {
  // Same unicode-range as @fontsource's latin subset: Danish letters included.
  const range =
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,' +
    'U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
  return fonts
    .map(
      (f) =>
        `@font-face{font-family:"IBM Plex Sans";font-style:normal;font-weight:${f.weight};` +
        `font-display:swap;src:url(/${f.path}) format("woff2");unicode-range:${range}}`,
    )
    .join('');
}

function buildCSS(fonts) {
  const result = sass.compile(join(root, 'src/styles/main.scss'), {
    style: 'compressed',
    loadPaths: [join(root, 'node_modules')],
    quietDeps: true,
    sourceMap: false,
    charset: false,
  });
  return emitHashed('app', 'css', fontFaceCSS(fonts) + copyDkfdsImages(result.css) + '\n');
}

// DKFDS refers to a few of its images (checkbox ticks, the borger.dk logo);
// main.scss points them at /assets/img/, and here they become hashed copies.
function copyDkfdsImages(css) {
  const dir = join(root, 'node_modules/dkfds/dist/img');
  return css.replace(/url\("?\/assets\/img\/([\w/.-]+)\.svg"?\)/g, (_, name) => {
    const data = readFileSync(join(dir, `${name}.svg`));
    return `url(/${emitHashed(name.split('/').pop(), 'svg', data)})`;
  });
}

async function buildJS() {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { app: 'src/main.jsx' },
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2020',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Lazily loaded screen modules are entry points too: citizen-[hash].js …
    entryNames: 'assets/[name]-[hash]',
    chunkNames: 'assets/chunk-[hash]',
    legalComments: 'none',
    charset: 'utf8',
    outdir: 'out',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  let entry;
  let preload = [];
  for (const f of result.outputFiles) {
    const path = relative(join(root, 'out'), f.path).split('\\').join('/');
    emit(path, Buffer.from(f.contents));
  }
  for (const [path, meta] of Object.entries(result.metafile.outputs)) {
    if (meta.entryPoint !== 'src/main.jsx') continue;
    entry = path.replace(/^out\//, '');
    // Chunks the entry imports statically: preloaded from index.html.
    preload = meta.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path.replace(/^out\//, ''));
  }
  return { entry, preload: preload.sort() };
}

function copyIcons() {
  const dir = join(root, 'src/icons');
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.png')) emit(`icons/${name}`, readFileSync(join(dir, name)));
  }
}

function manifest() {
  const icon = (src, sizes, purpose) => ({ src, sizes, type: 'image/png', purpose });
  return JSON.stringify(
    {
      id: '/',
      name: 'Trappen',
      short_name: 'Trappen',
      description: 'Din vej tilbage til arbejdet – mål, plan og møder samlet ét sted.',
      lang: 'da',
      dir: 'ltr',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: THEME_COLOR,
      background_color: BACKGROUND_COLOR,
      icons: [
        icon('/icons/icon-192.png', '192x192', 'any'),
        icon('/icons/icon-512.png', '512x512', 'any'),
        icon('/icons/icon-512-maskable.png', '512x512', 'maskable'),
      ],
    },
    null,
    2,
  ) + '\n';
}

function indexHTML({ css, js, preload, fonts }) {
  const preloads = [
    ...fonts.map((f) => `<link rel="preload" href="/${f.path}" as="font" type="font/woff2" crossorigin>`),
    ...preload.map((p) => `<link rel="modulepreload" href="/${p}">`),
  ].join('\n');
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trappen</title>
<meta name="description" content="Trappen: din plan, dine mål og dine møder, mens du er sygemeldt.">
<meta name="theme-color" content="${THEME_COLOR}">
<link rel="manifest" href="/manifest.webmanifest">
<link rel="icon" href="/icons/icon-32.png" sizes="32x32" type="image/png">
<link rel="apple-touch-icon" href="/icons/apple-touch-icon-180.png">
${preloads}
<link rel="stylesheet" href="/${css}">
<script type="module" src="/${js}"></script>
</head>
<body>
<div id="app"><noscript><p class="noscript">Trappen kræver, at JavaScript er slået til i din browser.</p></noscript></div>
</body>
</html>
`;
}

function serviceWorker(version, precache) {
  // sw.js, then the push handlers (plain scripts, no imports).
  const src = ['src/sw.js', 'src/sw-push.js'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
  return (
    `// Generated by build.mjs from src/sw.js and src/sw-push.js. Do not edit.\n` +
    `const VERSION = ${JSON.stringify(version)};\n` +
    `const PRECACHE = ${JSON.stringify(precache, null, 2)};\n\n` +
    src
  );
}

async function main() {
  const fonts = buildFonts();
  const css = buildCSS(fonts);
  const { entry: js, preload } = await buildJS();
  copyIcons();
  emit('manifest.webmanifest', manifest());
  emit('index.html', indexHTML({ css, js, preload, fonts }));

  // Everything but the worker itself is precached. The version hashes their
  // contents, so any change gives a new cache name and a new sw.js.
  const paths = [...files.keys()].filter((p) => p !== 'index.html').sort();
  const versionHash = createHash('sha256');
  for (const p of [...files.keys()].sort()) versionHash.update(p).update('\0').update(files.get(p));
  const version = versionHash.digest('hex').slice(0, 16);
  const precache = [...EXTRA_PRECACHE, ...paths.map((p) => `/${p}`)];
  emit('sw.js', serviceWorker(version, precache));
  emit(
    'asset-manifest.json',
    JSON.stringify(
      {
        version,
        entry: `/${js}`,
        css: `/${css}`,
        immutable: paths.filter((p) => p.startsWith('assets/')).map((p) => `/${p}`),
        precache,
      },
      null,
      2,
    ) + '\n',
  );

  if (outDir === root || outDir === dirname(outDir)) throw new Error(`refusing to replace ${outDir}`);
  rmSync(outDir, { recursive: true, force: true });
  for (const p of [...files.keys()].sort()) {
    const dest = join(outDir, p);
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, files.get(p));
  }
  console.log(`built ${files.size} files into ${relative(process.cwd(), outDir) || '.'} (version ${version})`);
}

await main();
