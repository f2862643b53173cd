// The `filter` query parameter of Pure's REST 2.x, as clients build it
// (py-pure-client's Filter class): comparisons `=` `!=` `<` `<=` `>` `>=`,
// `and` / `or` (and binds tighter), `not(...)`, `contains(prop, 'v')`,
// `tags('key', 'value')`, a bare property for existence, lists for
// membership `name = ('a','b')`, `*` wildcards in quoted strings, dotted
// sub-properties and `[any]` / `[all]` on list-valued properties.
// Anything else is a syntax error that the caller turns into a Pure 400.

export type FilterValue = string | number | boolean;

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'exists'; path: PropertyPath }
  | { kind: 'contains'; path: PropertyPath; value: string }
  | { kind: 'tags'; key: string; value: string }
  | { kind: 'compare'; path: PropertyPath; op: CompareOp; values: FilterValue[] };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface PathSegment {
  name: string;
  quantifier?: 'any' | 'all';
}
export type PropertyPath = PathSegment[];

export class FilterSyntaxError extends Error {}

type Token =
  | { t: 'ident'; v: string }
  | { t: 'string'; v: string }
  | { t: 'number'; v: number }
  | { t: 'op'; v: CompareOp }
  | { t: 'punct'; v: '(' | ')' | ',' | '.' | '[' | ']' };

const MAX_FILTER_LENGTH = 4096;
const MAX_DEPTH = 64;

function tokenize(input: string): Token[] {
  if (input.length > MAX_FILTER_LENGTH) throw new FilterSyntaxError('Filter is too long.');
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= input.length) throw new FilterSyntaxError('Unterminated string in filter.');
        const d = input[j] as string;
        if (d === '\\' && j + 1 < input.length) {
          text += input[j + 1];
          j += 2;
        } else if (d === c) {
          break;
        } else {
          text += d;
          j++;
        }
      }
      tokens.push({ t: 'string', v: text });
      i = j + 1;
    } else if (c === '(' || c === ')' || c === ',' || c === '[' || c === ']') {
      tokens.push({ t: 'punct', v: c });
      i++;
    } else if (c === '!' && input[i + 1] === '=') {
      tokens.push({ t: 'op', v: '!=' });
      i += 2;
    } else if (c === '<' || c === '>') {
      if (input[i + 1] === '=') {
        tokens.push({ t: 'op', v: `${c}=` as CompareOp });
        i += 2;
      } else {
        tokens.push({ t: 'op', v: c });
        i++;
      }
    } else if (c === '=') {
      tokens.push({ t: 'op', v: '=' });
      i++;
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(input.slice(i));
      if (!m) throw new FilterSyntaxError(`Unexpected character '${c}' in filter.`);
      const n = Number(m[0]);
      if (!Number.isFinite(n)) throw new FilterSyntaxError(`Number out of range in filter: ${m[0]}.`);
      tokens.push({ t: 'number', v: n });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i)) as RegExpExecArray;
      tokens.push({ t: 'ident', v: m[0] });
      i += m[0].length;
    } else if (c === '.') {
      tokens.push({ t: 'punct', v: '.' });
      i++;
    } else {
      throw new FilterSyntaxError(`Unexpected character '${c}' in filter.`);
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    if (this.tokens.length === 0) throw new FilterSyntaxError('Filter is empty.');
    const node = this.orExpr();
    if (this.pos !== this.tokens.length)
      throw new FilterSyntaxError('Unexpected text after the end of the filter.');
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw new FilterSyntaxError('Filter ends unexpectedly.');
    return t;
  }

  private expectPunct(v: '(' | ')' | ',' | ']'): void {
    const t = this.next();
    if (t.t !== 'punct' || t.v !== v) throw new FilterSyntaxError(`Expected '${v}' in filter.`);
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t !== undefined && t.t === 'ident' && t.v.toLowerCase() === word;
  }

  private orExpr(): FilterNode {
    let left = this.andExpr();
    while (this.isKeyword('or')) {
      this.pos++;
      left = { kind: 'or', left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): FilterNode {
    let left = this.unary();
    while (this.isKeyword('and')) {
      this.pos++;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterNode {
    if (++this.depth > MAX_DEPTH) throw new FilterSyntaxError('Filter is nested too deeply.');
    try {
      const t = this.peek();
      if (!t) throw new FilterSyntaxError('Filter ends unexpectedly.');
      const following = this.tokens[this.pos + 1];
      const callFollows = following !== undefined && following.t === 'punct' && following.v === '(';
      if (t.t === 'punct' && t.v === '(') {
        this.pos++;
        const inner = this.orExpr();
        this.expectPunct(')');
        return inner;
      }
      if (t.t === 'ident' && callFollows && t.v.toLowerCase() === 'not') {
        this.pos += 2;
        const operand = this.orExpr();
        this.expectPunct(')');
        return { kind: 'not', operand };
      }
      if (t.t === 'ident' && callFollows && t.v.toLowerCase() === 'contains') {
        this.pos += 2;
        const path = this.propertyPath();
        this.expectPunct(',');
        const v = this.next();
        if (v.t !== 'string')
          throw new FilterSyntaxError('contains() takes a quoted string as its second argument.');
        this.expectPunct(')');
        return { kind: 'contains', path, value: v.v };
      }
      if (t.t === 'ident' && callFollows && t.v.toLowerCase() === 'tags') {
        this.pos += 2;
        const k = this.next();
        this.expectPunct(',');
        const v = this.next();
        if (k.t !== 'string' || v.t !== 'string')
          throw new FilterSyntaxError('tags() takes two quoted strings.');
        this.expectPunct(')');
        return { kind: 'tags', key: k.v, value: v.v };
      }
      if (t.t !== 'ident') throw new FilterSyntaxError('Expected a property name in filter.');
      const path = this.propertyPath();
      const op = this.peek();
      if (!op || op.t !== 'op') return { kind: 'exists', path };
      this.pos++;
      return { kind: 'compare', path, op: op.v, values: this.values(op.v) };
    } finally {
      this.depth--;
    }
  }

  private propertyPath(): PropertyPath {
    const path: PropertyPath = [];
    for (;;) {
      const t = this.next();
      if (t.t !== 'ident') throw new FilterSyntaxError('Expected a property name in filter.');
      const segment: PathSegment = { name: t.v };
      const open = this.peek();
      if (open && open.t === 'punct' && open.v === '[') {
        this.pos++;
        const q = this.next();
        if (q.t !== 'ident' || (q.v !== 'any' && q.v !== 'all')) {
          throw new FilterSyntaxError('Only [any] and [all] may index a property in filter.');
        }
        segment.quantifier = q.v;
        this.expectPunct(']');
      }
      path.push(segment);
      const dot = this.peek();
      if (!dot || dot.t !== 'punct' || dot.v !== '.') return path;
      this.pos++;
    }
  }

  private values(op: CompareOp): FilterValue[] {
    const t = this.peek();
    if (t && t.t === 'punct' && t.v === '(') {
      if (op !== '=' && op !== '!=') throw new FilterSyntaxError(`A list cannot be compared with '${op}'.`);
      this.pos++;
      const list: FilterValue[] = [this.scalar()];
      for (;;) {
        const n = this.next();
        if (n.t === 'punct' && n.v === ')') return list;
        if (n.t !== 'punct' || n.v !== ',')
          throw new FilterSyntaxError("Expected ',' or ')' in filter list.");
        list.push(this.scalar());
      }
    }
    return [this.scalar()];
  }

  private scalar(): FilterValue {
    const t = this.next();
    if (t.t === 'string' || t.t === 'number') return t.v;
    if (t.t === 'ident' && (t.v === 'true' || t.v === 'false')) return t.v === 'true';
    throw new FilterSyntaxError('Expected a quoted string, a number, true or false in filter.');
  }
}

export function parseFilter(text: string): FilterNode {
  return new Parser(tokenize(text)).parse();
}

/** Every top-level property a filter names, so callers can reject unknown ones. */
export function filterProperties(node: FilterNode): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...filterProperties(node.left), ...filterProperties(node.right)];
    case 'not':
      return filterProperties(node.operand);
    case 'tags':
      return [];
    default:
      return [node.path[0]?.name ?? ''];
  }
}

export interface FilterContext {
  /** Tags of the item, for `tags('key','value')`; absent means the resource has none. */
  tags?: (item: unknown) => Array<{ key: string; value: string }>;
}

function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 's');
}

const regexCache = new Map<string, RegExp>();
function matchesWildcard(value: string, pattern: string): boolean {
  if (!pattern.includes('*')) return value === pattern;
  let re = regexCache.get(pattern);
  if (!re) {
    re = wildcardToRegExp(pattern);
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(pattern, re);
  }
  return re.test(value);
}

/** Resolves a path to the values it reaches; `[any]`/`[all]` fan out over arrays. */
function resolve(item: unknown, path: PropertyPath): { values: unknown[]; all: boolean } {
  let current: unknown[] = [item];
  let all = false;
  for (const segment of path) {
    const nextValues: unknown[] = [];
    for (const c of current) {
      if (c === null || typeof c !== 'object') continue;
      const v = (c as Record<string, unknown>)[segment.name];
      if (v === undefined || v === null) continue;
      if (Array.isArray(v) && segment.quantifier) {
        if (segment.quantifier === 'all') all = true;
        nextValues.push(...v);
      } else {
        nextValues.push(v);
      }
    }
    current = nextValues;
  }
  return { values: current, all };
}

function compareOne(actual: unknown, op: CompareOp, expected: FilterValue): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') {
    if (op === '=') return matchesWildcard(actual, expected);
    if (op === '!=') return !matchesWildcard(actual, expected);
    return ordered(actual < expected ? -1 : actual > expected ? 1 : 0, op);
  }
  if (typeof actual === 'number' && typeof expected === 'number') {
    return ordered(actual < expected ? -1 : actual > expected ? 1 : 0, op);
  }
  if (typeof actual === 'boolean' && typeof expected === 'boolean') {
    if (op === '=') return actual === expected;
    if (op === '!=') return actual !== expected;
    return false;
  }
  // A number compared with a quoted number, as some clients send.
  if (
    typeof actual === 'number' &&
    typeof expected === 'string' &&
    expected.trim() !== '' &&
    !Number.isNaN(Number(expected))
  ) {
    return compareOne(actual, op, Number(expected));
  }
  return op === '!=';
}

function ordered(cmp: number, op: CompareOp): boolean {
  switch (op) {
    case '=':
      return cmp === 0;
    case '!=':
      return cmp !== 0;
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    case '>':
      return cmp > 0;
    case '>=':
      return cmp >= 0;
  }
}

export function evaluateFilter(node: FilterNode, item: unknown, ctx: FilterContext = {}): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateFilter(node.left, item, ctx) && evaluateFilter(node.right, item, ctx);
    case 'or':
      return evaluateFilter(node.left, item, ctx) || evaluateFilter(node.right, item, ctx);
    case 'not':
      return !evaluateFilter(node.operand, item, ctx);
    case 'exists':
      return resolve(item, node.path).values.length > 0;
    case 'contains': {
      const { values, all } = resolve(item, node.path);
      const test = (v: unknown): boolean => typeof v === 'string' && v.includes(node.value);
      return values.length > 0 && (all ? values.every(test) : values.some(test));
    }
    case 'tags': {
      const tags = ctx.tags ? ctx.tags(item) : [];
      return tags.some((t) => t.key === node.key && matchesWildcard(t.value, node.value));
    }
    case 'compare': {
      const { values, all } = resolve(item, node.path);
      if (values.length === 0) return node.op === '!=';
      const test = (v: unknown): boolean =>
        node.op === '!='
          ? node.values.every((e) => compareOne(v, '!=', e))
          : node.values.some((e) => compareOne(v, node.op, e));
      return all ? values.every(test) : values.some(test);
    }
  }
}
