import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export interface BuiltBundle {
  /** The script-tag bundle, exactly as `npm run build:widget` writes it to dist/. */
  code: Buffer;
  /** Its source map (JSON), when asked for. */
  map?: string;
}

/**
 * Builds the script-tag bundle with the real config into a temporary folder and returns it, so
 * tests and benches measure or serve a fresh build without touching dist/ (which a developer's
 * demo may be serving).
 */
export async function buildBundle(options: { sourcemap?: boolean } = {}): Promise<BuiltBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'ic-widget-'));
  try {
    await build({
      configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
      logLevel: 'error',
      build: { outDir: dir, emptyOutDir: true, sourcemap: options.sourcemap ?? false },
    });
    const code = readFileSync(join(dir, 'integration-connector.js'));
    return options.sourcemap ? { code, map: readFileSync(join(dir, 'integration-connector.js.map'), 'utf8') } : { code };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
