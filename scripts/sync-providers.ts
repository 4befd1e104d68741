/**
 * `npm run sync:providers`: rewrites the provider lists of README.md and docker-compose.yml from
 * the registry (scripts/provider-lists.ts). Run it after adding a provider; the test that holds
 * the files to the registry says when it is due.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { providerLists, withList } from './provider-lists.js';

for (const list of providerLists()) {
  const before = readFileSync(list.file, 'utf8');
  const after = withList(before, list);
  if (after !== before) writeFileSync(list.file, after);
  console.log(`${list.file}: ${after === before ? 'up to date' : 'rewritten'}`);
}
