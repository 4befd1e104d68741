/**
 * `filterByFormula`: the part of Airtable's formula language a delta needs. A record is kept when the
 * formula is truthy for it (list-records reference [A5]). Supported: `{Field}` references (by name or
 * id), string and number literals, `= != < > <= >= & + - * /`, parentheses, and the functions AND, OR,
 * NOT, IF, IS_AFTER, IS_BEFORE, LAST_MODIFIED_TIME([{Field}, ...]), CREATED_TIME, RECORD_ID,
 * DATETIME_PARSE, TRUE, FALSE, BLANK. Anything else is refused with Airtable's 422
 * `INVALID_FILTER_BY_FORMULA` and its observed messages ("please check your formula text", "Unknown
 * field names: …", Airtable/airtable-ruby#4, aivantg/airtable-schema-generator#42); real Airtable
 * evaluates the whole language, the sandbox only what a delta needs (docs/sandbox.md).
 */

export type FormulaValue = number | string | boolean | null | { at: number };

/** What a formula can read of one record. */
export interface FormulaScope {
  field(nameOrId: string): FormulaValue | undefined;
  recordId: string;
  createdAt: number;
  /** Last change to any non-computed field, or to the named ones. */
  lastModifiedAt(fieldNamesOrIds: string[]): number;
}

export class FormulaError extends Error {}

type Node =
  | { t: 'lit'; v: FormulaValue }
  | { t: 'field'; name: string }
  | { t: 'call'; name: string; args: Node[] }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'neg'; e: Node };

const SYNTAX = 'The formula for filtering records is invalid: please check your formula text.';
const FUNCTIONS = new Set([
  'AND',
  'OR',
  'NOT',
  'IF',
  'IS_AFTER',
  'IS_BEFORE',
  'LAST_MODIFIED_TIME',
  'CREATED_TIME',
  'RECORD_ID',
  'DATETIME_PARSE',
  'TRUE',
  'FALSE',
  'BLANK',
]);
const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|!=|[=<>&+\-*/(),]))/y;

interface Token {
  kind: 'num' | 'str' | 'field' | 'ident' | 'op';
  text: string;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m || TOKEN.lastIndex === at) throw new FormulaError(SYNTAX);
    if (m[1] !== undefined) tokens.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined || m[3] !== undefined) tokens.push({ kind: 'str', text: (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1') });
    else if (m[4] !== undefined) tokens.push({ kind: 'field', text: m[4] });
    else if (m[5] !== undefined) tokens.push({ kind: 'ident', text: m[5] });
    else tokens.push({ kind: 'op', text: m[6] ?? '' });
  }
  return tokens;
}

/** Parses a formula; unknown functions and fields are reported as Airtable words them. */
export function parseFormula(source: string, knownField: (nameOrId: string) => boolean): Node {
  const tokens = tokenize(source);
  let i = 0;
  const unknownFields = new Set<string>();
  const unknownFunctions = new Set<string>();
  const peek = () => tokens[i];
  const take = (text?: string) => {
    const token = tokens[i];
    if (!token || (text !== undefined && token.text !== text)) throw new FormulaError(SYNTAX);
    i++;
    return token;
  };
  const binary = (next: () => Node, ops: string[]) => (): Node => {
    let left = next();
    while (peek()?.kind === 'op' && ops.includes(peek()!.text)) {
      const op = take().text;
      left = { t: 'bin', op, l: left, r: next() };
    }
    return left;
  };
  const primary = (): Node => {
    const token = take();
    if (token.kind === 'num') return { t: 'lit', v: Number(token.text) };
    if (token.kind === 'str') return { t: 'lit', v: token.text };
    if (token.kind === 'field') {
      if (!knownField(token.text)) unknownFields.add(token.text);
      return { t: 'field', name: token.text };
    }
    if (token.kind === 'op' && token.text === '(') {
      const inner = compare();
      take(')');
      return inner;
    }
    if (token.kind === 'op' && token.text === '-') return { t: 'neg', e: primary() };
    if (token.kind !== 'ident') throw new FormulaError(SYNTAX);
    const name = token.text.toUpperCase();
    if (!FUNCTIONS.has(name)) unknownFunctions.add(token.text);
    take('(');
    const args: Node[] = [];
    if (peek()?.text !== ')') {
      args.push(compare());
      while (peek()?.text === ',') {
        take(',');
        args.push(compare());
      }
    }
    take(')');
    return { t: 'call', name, args };
  };
  const product = binary(primary, ['*', '/']);
  const sum = binary(product, ['+', '-']);
  const concat = binary(sum, ['&']);
  const compare = binary(concat, ['=', '!=', '<', '>', '<=', '>=']);
  const tree = compare();
  if (i !== tokens.length) throw new FormulaError(SYNTAX);
  if (unknownFunctions.size)
    throw new FormulaError(`The formula for filtering records is invalid: Unknown function names: ${[...unknownFunctions].join(', ')}`);
  if (unknownFields.size)
    throw new FormulaError(`The formula for filtering records is invalid: Unknown field names: ${[...unknownFields].join(', ')}`);
  return tree;
}

const toTime = (v: FormulaValue): number | null => {
  if (v !== null && typeof v === 'object') return v.at;
  if (typeof v === 'string') {
    const at = Date.parse(v);
    return Number.isNaN(at) ? null : at;
  }
  return null;
};
const truthy = (v: FormulaValue) => v !== null && v !== false && v !== 0 && v !== '';
const text = (v: FormulaValue) => (v === null ? '' : typeof v === 'object' ? new Date(v.at).toISOString() : String(v));
const num = (v: FormulaValue) => (typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : Number(text(v)) || 0);

function compareValues(op: string, l: FormulaValue, r: FormulaValue): boolean {
  const isTime = (v: FormulaValue) => v !== null && typeof v === 'object';
  let a: number | string;
  let b: number | string;
  if (isTime(l) || isTime(r)) {
    const [x, y] = [toTime(l), toTime(r)];
    if (x === null || y === null) return false;
    [a, b] = [x, y];
  } else if (typeof l === 'number' || typeof r === 'number') [a, b] = [num(l), num(r)];
  else [a, b] = [text(l), text(r)];
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    default:
      return a >= b;
  }
}

export function evaluate(node: Node, scope: FormulaScope): FormulaValue {
  const ev = (n: Node) => evaluate(n, scope);
  switch (node.t) {
    case 'lit':
      return node.v;
    case 'field':
      return scope.field(node.name) ?? null;
    case 'neg':
      return -num(ev(node.e));
    case 'bin': {
      const [l, r] = [ev(node.l), ev(node.r)];
      if (node.op === '&') return text(l) + text(r);
      if (node.op === '+') return num(l) + num(r);
      if (node.op === '-') return num(l) - num(r);
      if (node.op === '*') return num(l) * num(r);
      if (node.op === '/') return num(l) / num(r);
      return compareValues(node.op, l, r);
    }
    case 'call':
      return call(node.name, node.args, scope);
  }
}

function call(name: string, args: Node[], scope: FormulaScope): FormulaValue {
  const ev = (n: Node | undefined) => (n ? evaluate(n, scope) : null);
  switch (name) {
    case 'AND':
      return args.every((a) => truthy(ev(a)));
    case 'OR':
      return args.some((a) => truthy(ev(a)));
    case 'NOT':
      return !truthy(ev(args[0]));
    case 'IF':
      return truthy(ev(args[0])) ? ev(args[1]) : ev(args[2]);
    case 'IS_AFTER':
    case 'IS_BEFORE':
      return compareValues(name === 'IS_AFTER' ? '>' : '<', asTime(ev(args[0])), asTime(ev(args[1])));
    case 'LAST_MODIFIED_TIME':
      return { at: scope.lastModifiedAt(args.map((a) => (a.t === 'field' ? a.name : ''))) };
    case 'CREATED_TIME':
      return { at: scope.createdAt };
    case 'RECORD_ID':
      return scope.recordId;
    case 'DATETIME_PARSE':
      return asTime(ev(args[0]));
    case 'TRUE':
      return true;
    case 'FALSE':
      return false;
    default:
      return null;
  }
}

const asTime = (v: FormulaValue): FormulaValue => {
  const at = toTime(v);
  return at === null ? null : { at };
};
