/**
 * Fails when the committed generated code differs from what schema/ generates now, without
 * writing anything (so it never dirties a working tree). Fix with `npm run codegen`.
 */
import { readFile } from 'node:fs/promises';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen.js';

const outputs = (await generate({ ...config, silent: true }, false)) as Array<{ filename: string; content: string }>;
const stale: string[] = [];
for (const { filename, content } of outputs) {
  const onDisk = await readFile(filename, 'utf8').catch(() => null);
  if (onDisk !== content) stale.push(filename);
}
if (stale.length > 0) {
  console.error(`Generated code is stale (run \`npm run codegen\` and commit):\n${stale.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
console.log(`generated code is up to date (${outputs.length} files)`);
