import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The SDL of schema/*.graphql, read once: schema/ is the single source of truth. */
export const schemaDirectory = fileURLToPath(new URL('../../../schema/', import.meta.url));

export function loadTypeDefs(): string {
  return readdirSync(schemaDirectory)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(schemaDirectory + name, 'utf8'))
    .join('\n');
}
