import type { Plugin } from 'vite';

/**
 * Build-time minification of the widget's own template literals, which a JS minifier must leave alone:
 * whitespace in `html`...``, `css`...`` and the generated GraphQL documents is content to it, and it
 * is roughly a tenth of the gzipped bundle. Each kind gets the rule that is safe for it:
 * - html: whitespace with a line break right after a `>` or right before a `<` is layout and
 *   disappears (so write inline spacing, like the space in `${message} <code>`, on one line); other
 *   runs become one space, and a space between two tags disappears (layout uses flex/grid gaps);
 * - css and GraphQL: whitespace around punctuation disappears, other runs become one space; css also
 *   drops quotes around identifier attribute values and leading zeros of fractions, and shortens
 *   private custom property names.
 * Expressions (`${...}`) are copied through, with any template literals inside them handled too.
 */
type Kind = 'html' | 'css' | 'graphql' | null;

/**
 * Private custom properties (`--_accent`) are internal to the stylesheet, so they get short names
 * (`--_a`); the public `--ic-*` ones never change.
 */
const shortNames = new Map<string, string>();
const shortName = (name: string): string => {
  let short = shortNames.get(name);
  if (!short) shortNames.set(name, (short = shortNames.size.toString(36)));
  return short;
};

const squeeze: Record<Exclude<Kind, null>, (text: string) => string> = {
  html: (text) =>
    text
      .replace(/>\s*\n\s*/g, '>')
      .replace(/\s*\n\s*</g, '<')
      .replace(/\s+/g, ' ')
      .replace(/> </g, '><'),
  css: (text) =>
    text
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,]) ?/g, '$1')
      .replace(/: /g, ':')
      .replace(/;}/g, '}')
      // [part='base'] → [part=base]; 0.5rem → .5rem
      .replace(/=(['"])([\w-]+)\1\]/g, '=$2]')
      .replace(/([^\w.#-])0\.(\d)/g, '$1.$2')
      .replace(/--_([\w-]+)/g, (_, name: string) => `--_${shortName(name)}`),
  graphql: (text) => text.replace(/\s+/g, ' ').replace(/ ?([{}():,]) ?/g, '$1').trim(),
};

/** Copies code from `start`, rewriting template literals, until an unmatched `}` (or the end). */
function scanCode(code: string, start: number): [string, number] {
  let out = '';
  let depth = 0;
  let i = start;
  while (i < code.length) {
    const c = code[i]!;
    if (c === '`') {
      const before = code.slice(Math.max(0, i - 40), i);
      const kind: Kind = /\bhtml$/.test(before) ? 'html' : /\bcss$/.test(before) ? 'css' : /TypedDocumentString\($/.test(before) ? 'graphql' : null;
      const [text, end] = scanTemplate(code, i + 1, kind);
      out += `\`${text}\``;
      i = end;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < code.length && code[j] !== c) j += code[j] === '\\' ? 2 : 1;
      out += code.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && code[i + 1] === '/') {
      const j = code.indexOf('\n', i);
      out += code.slice(i, j < 0 ? code.length : j);
      i = j < 0 ? code.length : j;
    } else if (c === '/' && code[i + 1] === '*') {
      const j = code.indexOf('*/', i + 2) + 2;
      out += code.slice(i, j);
      i = j;
    } else {
      if (c === '{') depth++;
      if (c === '}' && depth-- === 0) return [out, i];
      out += c;
      i++;
    }
  }
  return [out, i];
}

/** Reads a template literal body from `start` (after the backtick); returns it and the index after the closing backtick. */
function scanTemplate(code: string, start: number, kind: Kind): [string, number] {
  let out = '';
  let chunk = '';
  let i = start;
  const flush = () => {
    out += kind ? squeeze[kind](chunk) : chunk;
    chunk = '';
  };
  while (i < code.length) {
    const c = code[i]!;
    if (c === '\\') {
      chunk += code.slice(i, i + 2);
      i += 2;
    } else if (c === '`') {
      flush();
      return [out, i + 1];
    } else if (c === '$' && code[i + 1] === '{') {
      flush();
      const [expression, end] = scanCode(code, i + 2);
      out += `\${${expression}}`;
      i = end + 1;
    } else {
      chunk += c;
      i++;
    }
  }
  flush();
  return [out, i];
}

export function minifyLiterals(code: string): string {
  return scanCode(code, 0)[0];
}

/** Vite plugin: applies `minifyLiterals` to the widget's TypeScript sources before transpiling. */
export function minifyLiteralsPlugin(): Plugin {
  return {
    name: 'integration-connector:minify-literals',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      return /\/widget\/src\/.*\.ts$/.test(id) ? { code: minifyLiterals(code), map: null } : null;
    },
  };
}
