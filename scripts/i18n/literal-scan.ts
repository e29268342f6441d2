/**
 * Finds user-facing text written in code instead of the message files (messages/, docs/i18n.md),
 * with the TypeScript compiler API. Two kinds:
 *  - jsx: JSX text, string literals/templates given to user-facing attributes (aria-label, title,
 *    placeholder, alt, label…) and string literals rendered as JSX children ({cond ? 'A' : 'B'});
 *  - prose: other string literals that read as sentences or labels (a capital letter, or a space and
 *    a letter; not an identifier, class list, URL, test id or key).
 * lib/i18n/literals.test.ts fails on either. A literal that is truly not for translation (a product
 * name, a unit the upstream defines) carries `// i18n-ok: <why>` on its line or the line above.
 * Usage: npx tsx scripts/i18n/literal-scan.ts [--list] [--json out.json] [dirs or files…]
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('../..', import.meta.url).pathname;
const ESCAPE = /\/\/\s*i18n-ok\b|\{\s*\/\*\s*i18n-ok\b/;
const USER_FACING_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
  'description',
  'emptyText',
  'heading',
  'hint',
  'summary',
  'caption',
  'confirmLabel',
  'cancelLabel',
  'text',
  'message',
  'verb',
  'legend',
  'name',
]);
// Non-text attributes whose literals are never shown.
const CODE_ATTRIBUTES =
  /^(className|id|key|href|src|type|role|data-[\w-]+|htmlFor|name|method|action|rel|target|autoComplete|inputMode|pattern|dateTime|lang|dir|viewBox|d|fill|stroke\w*|xmlns|strokeLinecap|strokeLinejoin|dataKey|stackId|layout|orientation|tabIndex|scope|as|mode|size|variant|tone|side|align|aria-(controls|labelledby|describedby|hidden|live|current|pressed|expanded|haspopup|modal|sort|busy|atomic|relevant|invalid|selected|checked|disabled|keyshortcuts|owns|activedescendant|autocomplete|level|posinset|setsize|orientation|readonly|required|multiselectable|errormessage|details|flowto|colcount|colindex|rowcount|rowindex|colspan|rowspan|valuemax|valuemin|valuenow))$/;

export interface Finding {
  file: string;
  line: number;
  kind: 'jsx' | 'prose';
  where: string;
  text: string;
}

function looksLikeProse(text: string): boolean {
  const t = text.trim();
  if (t.length < 2) return false;
  if (!/[A-Za-z\u4e00-\u9fff]/.test(t)) return false;
  if (/^(https?:|\/|\.|#|@|[a-z]+:\/\/)/.test(t)) return false; // URLs, paths, selectors
  if (/^[a-z0-9]+([-_.:/][a-z0-9]+)*$/.test(t)) return false; // keys, ids, kebab, test ids
  if (/^[A-Z][A-Z0-9_]+$/.test(t)) return false; // CONSTANTS, codes
  if (/^[a-zA-Z][a-zA-Z0-9]*$/.test(t) && /[a-z][A-Z]/.test(t)) return false; // camelCase
  if (/^(use client|use server|server-only)$/.test(t)) return false;
  // Tailwind class lists: several tokens, each with - or : or digits and no capital start.
  const tokens = t.split(/\s+/);
  if (tokens.length > 1 && tokens.every((k) => /^[!a-z0-9\-:/[\]().%#_&>*~=@,]+$/.test(k))) return false;
  if (/^[a-z-]+(\s[a-z-]+)*$/.test(t) && !/\s/.test(t)) return false;
  return /^[A-Z\u4e00-\u9fff]/.test(t) || /\s/.test(t) || /[.…:?!]$/.test(t);
}

function isTypePosition(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isTypeNode(p) || ts.isImportDeclaration(p) || ts.isExportDeclaration(p)) return true;
    if (ts.isStatement(p)) return false;
  }
  return false;
}

/** The node a literal's value flows into, past conditionals, `&&`/`??`, parentheses and templates. */
function consumerOf(node: ts.Node): ts.Node | undefined {
  let p: ts.Node | undefined = node.parent;
  while (
    p &&
    (ts.isConditionalExpression(p) ||
      ts.isBinaryExpression(p) ||
      ts.isParenthesizedExpression(p) ||
      ts.isTemplateSpan(p) ||
      ts.isTemplateExpression(p))
  )
    p = p.parent;
  return p;
}

/** The attribute a literal is the value of, if any (directly or through a conditional). */
function attributeOf(node: ts.Node): string | null {
  const consumer = consumerOf(node);
  const attribute = consumer && ts.isJsxExpression(consumer) ? consumer.parent : consumer;
  return attribute && ts.isJsxAttribute(attribute) ? attribute.name.getText() : null;
}

/** A literal rendered as an element's child: `<p>{cond ? 'A' : 'B'}</p>`. */
function isJsxChild(node: ts.Node): boolean {
  const p = consumerOf(node);
  return Boolean(
    p && ts.isJsxExpression(p) && p.parent && (ts.isJsxElement(p.parent) || ts.isJsxFragment(p.parent)),
  );
}

function literalText(
  node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression,
): string {
  if (ts.isTemplateExpression(node))
    return (
      node.head.text + node.templateSpans.map((s) => `{${s.expression.getText()}}${s.literal.text}`).join('')
    );
  return node.text;
}

export function scanFile(path: string): Finding[] {
  const source = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const findings: Finding[] = [];
  const file = relative(root, path);
  const lines = source.getFullText().split('\n');
  const add = (node: ts.Node, kind: Finding['kind'], where: string, text: string) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    if (ESCAPE.test(lines[line - 1] ?? '') || ESCAPE.test(lines[line - 2] ?? '')) return;
    findings.push({
      file,
      line,
      kind,
      where,
      text: text.replace(/\s+/g, ' ').trim(),
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      const text = node.getText();
      if (/[A-Za-z\u4e00-\u9fff]/.test(text)) add(node, 'jsx', 'text', text);
    } else if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateExpression(node)
    ) {
      if (isTypePosition(node)) return;
      if (ts.isTemplateExpression(node) && ts.isTemplateSpan(node.parent)) return;
      const text = literalText(node);
      const attribute = attributeOf(node);
      if (attribute !== null) {
        if (USER_FACING_ATTRIBUTES.has(attribute) && looksLikeProse(text)) add(node, 'jsx', attribute, text);
        else if (!CODE_ATTRIBUTES.test(attribute) && looksLikeProse(text)) add(node, 'jsx', attribute, text);
      } else if (isJsxChild(node) && looksLikeProse(text)) add(node, 'jsx', 'child', text);
      else if (looksLikeProse(text)) {
        const parent = node.parent;
        // Thrown errors for developers, log lines and module specifiers are not the operators' text.
        if (
          ts.isCallExpression(parent) &&
          /\b(log|logger|console|require|import|describe|it|test|expect)\b/.test(parent.expression.getText())
        )
          return;
        if (ts.isElementAccessExpression(parent) || ts.isCaseClause(parent)) return;
        if (ts.isBinaryExpression(parent) && /^(===|!==|==|!=)$/.test(parent.operatorToken.getText())) return;
        add(
          node,
          'prose',
          parent.kind === ts.SyntaxKind.PropertyAssignment
            ? `prop ${(parent as ts.PropertyAssignment).name.getText()}`
            : ts.SyntaxKind[parent.kind],
          text,
        );
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

export function files(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => {
    const full = join(path, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.tsx?$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name) && !name.endsWith('.d.ts')
      ? [full]
      : [];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const out = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : null;
  const listAt = args.indexOf('--list');
  if (listAt >= 0) args.splice(listAt, 1);
  const targets = args.length ? args : ['components', 'app'];
  const all = targets.flatMap((t) => files(join(root, t))).flatMap(scanFile);
  if (out) writeFileSync(out, JSON.stringify(all, null, 1));
  if (listAt >= 0) for (const f of all) console.log(`${f.file}:${f.line} ${f.kind} ${f.where}: ${f.text}`);
  const byArea = new Map<string, { jsx: number; prose: number; words: number }>();
  for (const f of all) {
    const area = f.file.split('/').slice(0, 2).join('/');
    const entry = byArea.get(area) ?? { jsx: 0, prose: 0, words: 0 };
    entry[f.kind] += 1;
    entry.words += f.text.split(/\s+/).length;
    byArea.set(area, entry);
  }
  for (const [area, c] of [...byArea].sort())
    console.log(
      `${area.padEnd(40)} jsx ${String(c.jsx).padStart(4)}  prose ${String(c.prose).padStart(4)}  words ${c.words}`,
    );
  const jsx = all.filter((f) => f.kind === 'jsx').length;
  console.log(
    `TOTAL: ${all.length} literals (${jsx} certain jsx, ${all.length - jsx} heuristic prose), ${all.reduce((s, f) => s + f.text.split(/\s+/).length, 0)} words, ${new Set(all.map((f) => f.file)).size} files`,
  );
}
