// A small CQL2 text (OGC 21-065) reader for Basic CQL2: comparisons of a queryable with a literal
// (=, <>, <, <=, >, >=, IS [NOT] NULL) combined with AND, OR, NOT and parentheses. It parses to an
// expression tree that `matchesCql2` evaluates, and every error says where and what.

export type Literal = string | number | boolean;
export type Comparison =
  | { property: string; op: '=' | '<>' | '<' | '<=' | '>' | '>='; value: Literal }
  | { property: string; op: 'isNull' | 'isNotNull' };

export type Expression = Comparison | { and: Expression[] } | { or: Expression[] } | { not: Expression };

export class Cql2Error extends Error {}

// A filter is at most 2 000 characters, so it cannot nest deeper than this; the cap keeps the
// recursive parser far from the stack limit whatever the length limit becomes.
const MAX_DEPTH = 1000;

interface Token {
  kind: 'ident' | 'string' | 'number' | 'op' | 'lparen' | 'rparen' | 'end';
  text: string;
  at: number;
}

const OPS = ['<=', '>=', '<>', '=', '<', '>'];

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen', text: ch, at: i++ });
    } else if (ch === "'") {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= src.length) throw new Cql2Error(`unterminated string starting at character ${i + 1}`);
        if (src[j] === "'" && src[j + 1] === "'") {
          text += "'";
          j += 2;
        } else if (src[j] === "'") break;
        else text += src[j++];
      }
      tokens.push({ kind: 'string', text, at: i });
      i = j + 1;
    } else if (/[-+\d.]/.test(ch) && /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/.test(src.slice(i))) {
      const text = src.slice(i).match(/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/)![0];
      tokens.push({ kind: 'number', text, at: i });
      i += text.length;
    } else if (/[A-Za-z_"]/.test(ch)) {
      const quoted = ch === '"';
      const m = quoted ? src.slice(i).match(/^"([^"]+)"/) : src.slice(i).match(/^[A-Za-z_][A-Za-z0-9_.:-]*/);
      if (!m) throw new Cql2Error(`unterminated quoted name at character ${i + 1}`);
      tokens.push({ kind: 'ident', text: quoted ? m[1] : m[0], at: i });
      i += m[0].length;
    } else {
      const op = OPS.find((o) => src.startsWith(o, i));
      if (!op) throw new Cql2Error(`unexpected "${ch}" at character ${i + 1}`);
      tokens.push({ kind: 'op', text: op, at: i });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '', at: src.length });
  return tokens;
}

/** Parses a filter into an expression tree. */
export function parseCql2(src: string): Expression {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const word = (t: Token, w: string) => t.kind === 'ident' && t.text.toUpperCase() === w;
  const expect = (ok: boolean, what: string) => {
    if (!ok) {
      const t = peek();
      throw new Cql2Error(`expected ${what} at character ${t.at + 1}${t.kind === 'end' ? ' (end of filter)' : `, found "${t.text}"`}`);
    }
  };
  const RESERVED = ['AND', 'OR', 'NOT', 'IS', 'NULL', 'TRUE', 'FALSE'];

  const comparison = (): Comparison => {
    const name = peek();
    expect(name.kind === 'ident' && !RESERVED.includes(name.text.toUpperCase()), 'a property name');
    pos++;
    if (word(peek(), 'IS')) {
      pos++;
      const not = word(peek(), 'NOT');
      if (not) pos++;
      expect(word(peek(), 'NULL'), 'NULL');
      pos++;
      return { property: name.text, op: not ? 'isNotNull' : 'isNull' };
    }
    const op = peek();
    expect(op.kind === 'op', 'a comparison operator (=, <>, <, <=, >, >=)');
    pos++;
    const lit = peek();
    let value: Literal;
    if (lit.kind === 'string') value = lit.text;
    else if (lit.kind === 'number') value = Number(lit.text);
    else if (word(lit, 'TRUE') || word(lit, 'FALSE')) value = lit.text.toUpperCase() === 'TRUE';
    else return expect(false, "a literal ('text', a number, TRUE or FALSE)") as never;
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Cql2Error(`number ${lit.text} is out of range`);
    pos++;
    return { property: name.text, op: op.text as '=', value };
  };

  // Precedence as in CQL2: NOT binds tighter than AND, AND tighter than OR.
  const primary = (depth: number): Expression => {
    if (depth > MAX_DEPTH) throw new Cql2Error(`the filter nests deeper than ${MAX_DEPTH} levels`);
    if (word(peek(), 'NOT')) {
      pos++;
      return { not: primary(depth + 1) };
    }
    if (peek().kind === 'lparen') {
      pos++;
      const inner = disjunction(depth + 1);
      expect(peek().kind === 'rparen', '")"');
      pos++;
      return inner;
    }
    return comparison();
  };
  const conjunction = (depth: number): Expression => {
    const all = [primary(depth)];
    while (word(peek(), 'AND')) {
      pos++;
      all.push(primary(depth));
    }
    return all.length === 1 ? all[0] : { and: all };
  };
  const disjunction = (depth: number): Expression => {
    const any = [conjunction(depth)];
    while (word(peek(), 'OR')) {
      pos++;
      any.push(conjunction(depth));
    }
    return any.length === 1 ? any[0] : { or: any };
  };

  if (!src.trim()) throw new Cql2Error('the filter is empty');
  const expression = disjunction(0);
  expect(peek().kind === 'end', 'AND, OR or the end of the filter');
  return expression;
}

/** Every property an expression names. */
export function propertiesOf(e: Expression): string[] {
  if ('and' in e) return e.and.flatMap(propertiesOf);
  if ('or' in e) return e.or.flatMap(propertiesOf);
  if ('not' in e) return propertiesOf(e.not);
  return [e.property];
}

/** Whether `properties` satisfy the expression; values compare only with values of their own type. */
export function matchesCql2(e: Expression, properties: Record<string, unknown>): boolean {
  if ('and' in e) return e.and.every((x) => matchesCql2(x, properties));
  if ('or' in e) return e.or.some((x) => matchesCql2(x, properties));
  if ('not' in e) return !matchesCql2(e.not, properties);
  return compare(e, properties);
}

function compare(c: Comparison, properties: Record<string, unknown>): boolean {
  const v = properties[c.property];
  if (c.op === 'isNull') return v === null || v === undefined;
  if (c.op === 'isNotNull') return v !== null && v !== undefined;
  if (v === null || v === undefined) return false;
  const { value } = c as Extract<Comparison, { value: Literal }>;
  if (typeof v !== typeof value) return false;
  switch (c.op) {
    case '=':
      return v === value;
    case '<>':
      return v !== value;
    case '<':
      return (v as number | string) < (value as number | string);
    case '<=':
      return (v as number | string) <= (value as number | string);
    case '>':
      return (v as number | string) > (value as number | string);
    case '>=':
      return (v as number | string) >= (value as number | string);
  }
}

/** The expression as CQL2 text that parses back to it: for links and cache keys. */
export function cql2Text(e: Expression): string {
  const group = (parts: Expression[], word: string) => `(${parts.map(cql2Text).join(` ${word} `)})`;
  if ('and' in e) return group(e.and, 'AND');
  if ('or' in e) return group(e.or, 'OR');
  if ('not' in e) return `NOT ${cql2Text(e.not)}`;
  const name = `"${e.property}"`;
  if (e.op === 'isNull') return `${name} IS NULL`;
  if (e.op === 'isNotNull') return `${name} IS NOT NULL`;
  const v = (e as Extract<Comparison, { value: Literal }>).value;
  const literal = typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : typeof v === 'boolean' ? String(v).toUpperCase() : String(v);
  return `${name} ${e.op} ${literal}`;
}
