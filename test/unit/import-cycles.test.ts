import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The product code: every module a Lambda bundle, the CDK app or the local runtime loads. */
const ROOTS = ['shared', 'functions', 'infra', 'events', 'wiring'];

const sourceFiles = (folder: string): string[] =>
  !existsSync(folder)
    ? []
    : readdirSync(folder).flatMap((name) => {
        const path = join(folder, name);
        if (statSync(path).isDirectory()) return sourceFiles(path);
        return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
      });

/** The file a relative specifier names (`./x` → `x.ts` or `x/index.ts`), if it is one of ours. */
const resolveRelative = (from: string, specifier: string): string | undefined => {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, join(base, 'index.ts')].find(
    (candidate) => candidate.endsWith('.ts') && existsSync(candidate),
  );
};

/** Every import, re-export and `import()` of a file, type-only ones included. */
const importsOf = (file: string): string[] =>
  ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.flatMap(({ fileName }) => resolveRelative(file, fileName) ?? []);

/** The cycles of the import graph, each as the files along it (Tarjan's strongly connected components). */
const cyclesOf = (graph: Map<string, string[]>): string[][] => {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component);
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components;
};

describe('the import graph of the product code', () => {
  it('has no circle (type-only imports count: a reader follows them too)', () => {
    const graph = new Map(
      ROOTS.flatMap(sourceFiles).map((file) => [resolve(file), importsOf(file)] as const),
    );
    const cycles = cyclesOf(graph).map((files) =>
      files.map((file) => relative(process.cwd(), file)).sort(),
    );
    expect(cycles).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cyclesOf(graph).map((files) => files.sort())).toEqual([['a', 'b', 'c']]);
  });
});
