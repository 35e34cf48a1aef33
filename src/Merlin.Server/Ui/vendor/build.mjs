// Bundles the pinned npm packages of package.json into ../web/vendor (committed), with a licence note per package.
// Run after changing a version: `npm ci && npm run build` in this folder. The server build never runs npm.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';

const out = new URL('../web/vendor/', import.meta.url);
const bundles = { codemirror: './codemirror.entry.js', dagre: './dagre.entry.js', yaml: './yaml.entry.js' };
for (const [name, entry] of Object.entries(bundles)) {
  await build({
    entryPoints: [entry], bundle: true, format: 'esm', minify: true, target: 'es2022',
    outfile: new URL(`${name}.js`, out).pathname, legalComments: 'none', logLevel: 'warning',
  });
}

const lock = JSON.parse(readFileSync(new URL('package-lock.json', import.meta.url)));
const lines = ['Third-party code bundled in codemirror.js, dagre.js and yaml.js (built by src/Merlin.Server/Ui/vendor/build.mjs).', ''];
for (const [path, pkg] of Object.entries(lock.packages).filter(([p]) => p.startsWith('node_modules/')).sort()) {
  const name = path.slice('node_modules/'.length);
  if (name === 'esbuild' || name.startsWith('@esbuild/')) continue; // the bundler, not bundled
  const dir = new URL(`${path}/`, import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('package.json', dir)));
  let licence = '';
  for (const file of ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license']) {
    try { licence = readFileSync(new URL(file, dir), 'utf8').trim(); break; } catch { /* next name */ }
  }
  lines.push(`== ${name} ${pkg.version} (${manifest.license}) ==`, licence, '');
}
writeFileSync(new URL('LICENSES.txt', out), lines.join('\n'));
