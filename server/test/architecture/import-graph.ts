import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The import graph of a TypeScript source tree, read from the sources themselves with the
 * compiler's parser: every `import`, `export ... from`, `import type`, `import('...')` (call or
 * type) and `require`-free ESM specifier. Relative specifiers are resolved the NodeNext way
 * (`./x.js` is `./x.ts`, a folder is its `index.ts`); anything else is a package.
 */
export interface ImportEdge {
  /** Importing file, relative to the root, with `/` separators. */
  from: string;
  /** Imported file relative to the root, or the package name for bare specifiers. */
  to: string;
  kind: 'file' | 'package';
  typeOnly: boolean;
  line: number;
}

export interface SourceFilter {
  /** Leave tests and test contracts out: they are not part of what ships. */
  includeTests?: boolean;
}

const isTest = (path: string) => /\.(test|contract)\.ts$/.test(path);

export function sourceFiles(root: string, filter: SourceFilter = {}): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return walk(path);
      return path.endsWith('.ts') && !path.endsWith('.d.ts') && (filter.includeTests || !isTest(path)) ? [path] : [];
    });
  return walk(root)
    .map((path) => toPosix(relative(root, path)))
    .sort();
}

const toPosix = (path: string) => path.split(sep).join('/');

function specifiersOf(source: ts.SourceFile): Array<{ specifier: string; typeOnly: boolean; line: number }> {
  const found: Array<{ specifier: string; typeOnly: boolean; line: number }> = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.phaseModifier === ts.SyntaxKind.TypeKeyword : node.isTypeOnly;
      found.push({ specifier: node.moduleSpecifier.text, typeOnly, line: lineOf(node) });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false, line: lineOf(node) });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true, line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolveRelative(root: string, fromFile: string, specifier: string): string {
  const base = resolve(root, dirname(fromFile), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')];
  const hit = candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? candidates[0]!;
  return toPosix(relative(root, hit));
}

const packageName = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

export function readImportGraph(root: string, filter: SourceFilter = {}): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(root, filter)) {
    const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
    for (const { specifier, typeOnly, line } of specifiersOf(source)) {
      const relativeSpecifier = specifier.startsWith('.');
      edges.push({
        from: file,
        to: relativeSpecifier ? resolveRelative(root, file, specifier) : packageName(specifier.replace(/^node:/, 'node:')),
        kind: relativeSpecifier ? 'file' : 'package',
        typeOnly,
        line,
      });
    }
  }
  return edges;
}

/** The top-level folder a file lives in; files directly under the root are the composition root. */
export const ROOT_FOLDER = '(root)';
export const folderOf = (file: string) => (file.includes('/') ? file.split('/')[0]! : ROOT_FOLDER);

/** Folder-to-folder edges, each with the file imports that make it (for readable failures). */
export function folderGraph(edges: readonly ImportEdge[]): Map<string, Map<string, ImportEdge[]>> {
  const graph = new Map<string, Map<string, ImportEdge[]>>();
  for (const edge of edges) {
    if (edge.kind !== 'file') continue;
    const from = folderOf(edge.from);
    const to = folderOf(edge.to);
    if (from === to) continue;
    const targets = graph.get(from) ?? new Map<string, ImportEdge[]>();
    targets.set(to, [...(targets.get(to) ?? []), edge]);
    graph.set(from, targets);
  }
  return graph;
}

/** Strongly connected components with more than one folder: every import cycle between folders (Tarjan). */
export function folderCycles(graph: Map<string, Map<string, unknown>>): string[][] {
  const nodes = new Set<string>([...graph.keys(), ...[...graph.values()].flatMap((targets) => [...targets.keys()])]);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of [...nodes].sort()) if (!index.has(node)) connect(node);
  return cycles;
}
