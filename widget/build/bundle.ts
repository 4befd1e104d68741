import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export interface BuiltBundle {
  /** The script-tag bundle, exactly as `npm run build:widget` writes it to dist/. */
  code: Buffer;
  /** Its language chunks by file name (`integration-connector.de.js`...), fetched beside it when spoken. */
  chunks: Record<string, Buffer>;
  /** Its source map (JSON), when asked for. */
  map?: string;
  /** `dist/react.js` (`integration-connector/react`), when asked for. */
  react?: Buffer;
}

const config = (name: string) => fileURLToPath(new URL(`../${name}`, import.meta.url));

/**
 * Builds the script-tag bundle (and, if asked, the React wrapper) with the real configs into a
 * temporary folder and returns them, so tests and benches measure or serve a fresh build without
 * touching dist/ (which a developer's demo may be serving).
 */
export async function buildBundle(options: { sourcemap?: boolean; react?: boolean } = {}): Promise<BuiltBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'ic-widget-'));
  try {
    const into = { outDir: dir, emptyOutDir: false, sourcemap: options.sourcemap ?? false };
    await build({ configFile: config('vite.config.ts'), logLevel: 'error', build: into });
    if (options.react) await build({ configFile: config('vite.react.config.ts'), logLevel: 'error', build: into });
    const read = (file: string) => readFileSync(join(dir, file));
    const chunks = readdirSync(dir).filter((file) => /^integration-connector\.\w+\.js$/.test(file));
    return {
      code: read('integration-connector.js'),
      chunks: Object.fromEntries(chunks.map((file) => [file, read(file)])),
      ...(options.sourcemap ? { map: read('integration-connector.js.map').toString('utf8') } : {}),
      ...(options.react ? { react: read('react.js') } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
