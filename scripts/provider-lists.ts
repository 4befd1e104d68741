/**
 * The provider lists kept in files that cannot import the registry (README.md's configuration
 * rows, docker-compose.yml's credential variables), rendered from server/src/providers/registry.ts.
 * `npm run sync:providers` writes them between their markers; a test holds each file to them.
 */
import { providerEnvRows } from '../server/src/config/env-docs.js';
import { PROVIDERS } from '../server/src/providers/registry.js';

export interface ProviderList {
  file: string;
  /** The lines around the list, kept as they are. */
  begin: string;
  end: string;
  lines: string[];
}

export function providerLists(): ProviderList[] {
  const credentials = PROVIDERS.flatMap(({ settings }) => ['CLIENT_ID', 'CLIENT_SECRET'].map((part) => `${settings.envPrefix}_${part}`));
  return [
    {
      file: 'README.md',
      begin: '<!-- provider rows: begin (npm run sync:providers) -->',
      end: '<!-- provider rows: end -->',
      lines: ['| Variable | Default | Meaning |', '|---|---|---|', ...providerEnvRows()],
    },
    {
      file: 'docker-compose.yml',
      begin: '  # provider credentials: begin (npm run sync:providers)',
      end: '  # provider credentials: end',
      lines: credentials.map((name) => `  ${name}: \${${name}:-}`),
    },
  ];
}

/** The lines between the list's markers in `text`; null when the markers are missing. */
export function currentLines(text: string, list: ProviderList): string[] | null {
  const lines = text.split('\n');
  const begin = lines.indexOf(list.begin);
  const end = lines.indexOf(list.end, begin + 1);
  return begin < 0 || end < 0 ? null : lines.slice(begin + 1, end);
}

/** `text` with the list's lines between its markers replaced by the rendered ones. */
export function withList(text: string, list: ProviderList): string {
  const lines = text.split('\n');
  const begin = lines.indexOf(list.begin);
  const end = lines.indexOf(list.end, begin + 1);
  if (begin < 0 || end < 0) throw new Error(`${list.file}: the markers "${list.begin}" and "${list.end}" are missing`);
  return [...lines.slice(0, begin + 1), ...list.lines, ...lines.slice(end)].join('\n');
}
