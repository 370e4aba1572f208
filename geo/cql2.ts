// A small CQL2 text (OGC 21-065) reader for the Basic CQL2 subset a GIS client sends: comparisons
// of a queryable with a literal (=, <>, <, <=, >, >=, IS [NOT] NULL), joined with AND, in
// parentheses if one likes. It parses to a predicate, and every error says where and what.

export type Literal = string | number | boolean;
export type Comparison =
  | { property: string; op: '=' | '<>' | '<' | '<=' | '>' | '>='; value: Literal }
  | { property: string; op: 'isNull' | 'isNotNull' };

export class Cql2Error extends Error {}

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

/** Parses a filter into the comparisons that must all hold. */
export function parseCql2(src: string): Comparison[] {
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

  const comparison = (): Comparison[] => {
    if (peek().kind === 'lparen') {
      pos++;
      const inner = conjunction();
      expect(peek().kind === 'rparen', '")"');
      pos++;
      return inner;
    }
    const name = peek();
    expect(name.kind === 'ident' && !['AND', 'OR', 'NOT', 'IS', 'NULL'].includes(name.text.toUpperCase()), 'a property name');
    pos++;
    if (word(peek(), 'IS')) {
      pos++;
      const not = word(peek(), 'NOT');
      if (not) pos++;
      expect(word(peek(), 'NULL'), 'NULL');
      pos++;
      return [{ property: name.text, op: not ? 'isNotNull' : 'isNull' }];
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
    return [{ property: name.text, op: op.text as '=', value }];
  };

  const conjunction = (): Comparison[] => {
    const all = comparison();
    while (word(peek(), 'AND')) {
      pos++;
      all.push(...comparison());
    }
    if (word(peek(), 'OR') || word(peek(), 'NOT'))
      throw new Cql2Error(`${peek().text.toUpperCase()} is not supported here (only comparisons joined with AND), at character ${peek().at + 1}`);
    return all;
  };

  if (!src.trim()) throw new Cql2Error('the filter is empty');
  const all = conjunction();
  expect(peek().kind === 'end', 'AND or the end of the filter');
  return all;
}

/** Whether `properties` satisfy every comparison; values are compared as the queryables define them. */
export function matchesCql2(all: Comparison[], properties: Record<string, unknown>): boolean {
  return all.every((c) => {
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
  });
}
