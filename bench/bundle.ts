// Bundle figures: the minified dist/extension.js and the .vsix, both read from the .vsix that `vsce package`
// writes (the production build, exactly what ships). Also unpacks that .vsix into a folder of its own, so the
// extension-host benchmark runs the shipped bundle even while someone rebuilds dist/ for development.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { figure, Figure } from './stats';
import { readZipEntry, zipEntries } from './vsix';

export interface PackagedExtension {
  readonly vsix: string;
  /** The unpacked `extension/` folder of the .vsix: package.json, dist/, media/. */
  readonly folder: string;
}

export interface BundleResult {
  readonly figures: Figure[];
  readonly packaged: PackagedExtension;
  readonly details: {
    readonly vsixFiles: { name: string; size: number; compressedSize: number }[];
    /** Bytes of minified output per package (node_modules/<name>) or `src`, largest first. */
    readonly composition: { input: string; bytes: number }[];
  };
}

const KB = 1024;

/** `npm run package`, but into `outDir`: vsce runs the prepublish script (the production esbuild build). */
export function packageExtension(root: string, outDir: string): PackagedExtension {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const vsix = path.join(outDir, 'kantata-teammates.vsix');
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--out', vsix], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0) {
    throw new Error(`vsce package failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
  const folder = path.join(outDir, 'extension');
  for (const entry of zipEntries(vsix)) {
    if (!entry.name.startsWith('extension/') || entry.name.endsWith('/')) {
      continue;
    }
    const target = path.join(folder, entry.name.slice('extension/'.length));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, readZipEntry(vsix, entry.name));
  }
  return { vsix, folder };
}

/**
 * What the minified bundle is made of, from esbuild's metafile (the production options of esbuild.js, built into
 * `outDir`): bytes per package (node_modules/<name>) or src/ folder, and per module.
 */
async function composition(root: string, outDir: string): Promise<{ parts: { input: string; bytes: number }[]; modules: { input: string; bytes: number }[] }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require(path.join(root, 'node_modules', 'esbuild')) as typeof import('esbuild');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { extensionOptions } = require(path.join(root, 'esbuild.js')) as { extensionOptions: import('esbuild').BuildOptions };
  const cwd = process.cwd();
  process.chdir(root); // the options' paths are relative to the repository
  try {
    const result = await esbuild.build({
      ...extensionOptions,
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      outfile: path.join(outDir, 'extension.js'),
      metafile: true,
      logLevel: 'silent',
    });
    const output = Object.values(result.metafile.outputs)[0];
    const totals = new Map<string, number>();
    const modules: { input: string; bytes: number }[] = [];
    for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(input);
      const key = match ? (match[1] as string) : (/^src\/[^/]+/.exec(input)?.[0] ?? input);
      totals.set(key, (totals.get(key) ?? 0) + bytesInOutput);
      modules.push({ input, bytes: bytesInOutput });
    }
    const bySize = (a: { bytes: number }, b: { bytes: number }) => b.bytes - a.bytes;
    return { parts: [...totals].map(([input, bytes]) => ({ input, bytes })).sort(bySize), modules: modules.sort(bySize) };
  } finally {
    process.chdir(cwd);
  }
}

export async function measureBundle(root: string, outDir: string): Promise<BundleResult> {
  const packaged = packageExtension(root, outDir);
  const entries = zipEntries(packaged.vsix);
  const bundle = entries.find((entry) => entry.name === 'extension/dist/extension.js');
  if (!bundle) {
    throw new Error(`${packaged.vsix} has no extension/dist/extension.js`);
  }
  const { parts, modules } = await composition(root, path.join(outDir, 'composition'));
  const list = (items: { input: string; bytes: number }[], count: number) => items.slice(0, count).map((item) => `${item.input} ${(item.bytes / KB).toFixed(1)} KB`).join(', ');
  const vsixBytes = fs.statSync(packaged.vsix).size;
  const figures = [
    figure('bundle.extensionJs', 'bundle: minified dist/extension.js', 'KB', [bundle.size / KB], {
      target: { kind: 'max', value: 180 },
      note: `${bundle.size.toLocaleString('en-US')} bytes; largest parts: ${list(parts, 8)}; largest modules: ${list(modules, 8)}`,
    }),
    figure('bundle.vsixBytes', 'bundle: .vsix size', 'KB', [vsixBytes / KB], {
      target: { kind: 'max', value: 300 },
      note: `${vsixBytes.toLocaleString('en-US')} bytes`,
    }),
    // 12 files until issue 21 added the Marketplace icon, the walkthrough's four pages and German (the manifest's
    // package.nls.json and .de, l10n/bundle.l10n.de.json, four walkthrough pages): 26. The ceiling keeps anything
    // beyond what .vscodeignore lets in (dist/, media/, manifest and translations, README, CHANGELOG, LICENSE) out.
    figure('bundle.vsixFiles', 'bundle: .vsix files', 'files', [entries.length], {
      target: { kind: 'max', value: 28 },
      note: `every zip entry, the two vsce metadata files included: ${entries.map((entry) => entry.name).join(', ')}`,
    }),
  ];
  return {
    figures,
    packaged,
    details: { vsixFiles: entries.map(({ name, size, compressedSize }) => ({ name, size, compressedSize })), composition: parts },
  };
}
