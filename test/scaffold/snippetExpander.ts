// A small expander for VS Code's snippet syntax, enough to insert a snippet "as the user would with
// the defaults" in tests: tab stops ($1, ${1}), placeholders (${1:default}, nested), choices
// (${1|a,b|}), variables ($TM_FILENAME_BASE, ${NAME:default}), transforms
// (${1/regex/format/flags} with $n, ${n:/upcase|downcase|capitalize|camelcase|pascalcase},
// ${n:+if}, ${n:?if:else}, ${n:-else}, ${n:else}) and escapes (\$, \}, \\; \, and \| in choices).
// It follows the grammar at https://code.visualstudio.com/docs/editing/userdefinedsnippets and
// VS Code's SnippetParser: a `$` that starts nothing valid, and a `}` outside a placeholder, are text.

export interface Transform {
  regex: string;
  format: FormatPart[];
  flags: string;
}

export type FormatPart =
  | string
  | { group: number; shorthand?: 'upcase' | 'downcase' | 'capitalize' | 'camelcase' | 'pascalcase'; ifValue?: string; elseValue?: string };

export type SnippetNode =
  | { type: 'text'; value: string }
  | { type: 'tabstop'; index: number; children?: SnippetNode[]; choices?: string[]; transform?: Transform }
  | { type: 'variable'; name: string; children?: SnippetNode[]; transform?: Transform };

class SnippetSyntaxParser {
  private pos = 0;

  constructor(private readonly src: string) {}

  parseAll(): SnippetNode[] {
    const nodes = this.parseNodes(false);
    if (this.pos !== this.src.length) throw new Error(`snippet parser stopped at ${this.pos}`);
    return nodes;
  }

  /** Nodes up to the end, or (inside a placeholder) up to its unescaped closing `}`. */
  private parseNodes(insidePlaceholder: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ type: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (insidePlaceholder && ch === '}') break;
      if (ch === '\\' && this.pos + 1 < this.src.length && '$}\\'.includes(this.src[this.pos + 1])) {
        text += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (ch === '$') {
        const start = this.pos;
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
          continue;
        }
        this.pos = start;
      }
      text += ch;
      this.pos++;
    }
    flush();
    return nodes;
  }

  private match(re: RegExp): string | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m || m.index !== this.pos) return null;
    this.pos += m[0].length;
    return m[0];
  }

  private eat(text: string): boolean {
    if (this.src.startsWith(text, this.pos)) {
      this.pos += text.length;
      return true;
    }
    return false;
  }

  /** At a `$`: a tab stop, placeholder, choice or variable; null (caller rewinds) when none fits. */
  private parseDollar(): SnippetNode | null {
    this.pos++; // $
    const digits = this.match(/\d+/y);
    if (digits) return { type: 'tabstop', index: Number(digits) };
    const name = this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y);
    if (name) return { type: 'variable', name };
    if (!this.eat('{')) return null;

    const index = this.match(/\d+/y);
    if (index) {
      const n = Number(index);
      if (this.eat('}')) return { type: 'tabstop', index: n };
      if (this.eat(':')) {
        const children = this.parseNodes(true);
        return this.eat('}') ? { type: 'tabstop', index: n, children } : null;
      }
      if (this.eat('|')) {
        const choices = this.parseChoices();
        return choices ? { type: 'tabstop', index: n, choices } : null;
      }
      if (this.eat('/')) {
        const transform = this.parseTransform();
        return transform && this.eat('}') ? { type: 'tabstop', index: n, transform } : null;
      }
      return null;
    }
    const variable = this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y);
    if (variable) {
      if (this.eat('}')) return { type: 'variable', name: variable };
      if (this.eat(':')) {
        const children = this.parseNodes(true);
        return this.eat('}') ? { type: 'variable', name: variable, children } : null;
      }
      if (this.eat('/')) {
        const transform = this.parseTransform();
        return transform && this.eat('}') ? { type: 'variable', name: variable, transform } : null;
      }
    }
    return null;
  }

  /** After `${n|`: options separated by `,` up to `|}`; `\,` `\|` `\\` are escapes. */
  private parseChoices(): string[] | null {
    const choices: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && this.pos + 1 < this.src.length && ',|\\'.includes(this.src[this.pos + 1])) {
        current += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (ch === ',') {
        choices.push(current);
        current = '';
        this.pos++;
        continue;
      }
      if (ch === '|') {
        if (!this.eat('|}')) return null;
        choices.push(current);
        return choices;
      }
      current += ch;
      this.pos++;
    }
    return null;
  }

  /** After `/`: regex `/` format `/` flags (the caller eats the closing `}`). */
  private parseTransform(): Transform | null {
    let regex = '';
    for (;;) {
      if (this.pos >= this.src.length) return null;
      const ch = this.src[this.pos];
      if (ch === '\\' && this.src[this.pos + 1] === '/') {
        regex += '/';
        this.pos += 2;
        continue;
      }
      if (ch === '/') {
        this.pos++;
        break;
      }
      regex += ch;
      this.pos++;
    }
    const format: FormatPart[] = [];
    let text = '';
    for (;;) {
      if (this.pos >= this.src.length) return null;
      const ch = this.src[this.pos];
      if (ch === '\\' && this.pos + 1 < this.src.length && '/$\\'.includes(this.src[this.pos + 1])) {
        text += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (ch === '/') {
        this.pos++;
        break;
      }
      if (ch === '$') {
        const start = this.pos;
        const part = this.parseFormatItem();
        if (part) {
          if (text) format.push(text);
          text = '';
          format.push(part);
          continue;
        }
        this.pos = start;
      }
      text += ch;
      this.pos++;
    }
    if (text) format.push(text);
    const flags = this.match(/[a-z]*/y) ?? '';
    return { regex, format, flags };
  }

  private parseFormatItem(): FormatPart | null {
    this.pos++; // $
    const digits = this.match(/\d+/y);
    if (digits) return { group: Number(digits) };
    if (!this.eat('{')) return null;
    const group = this.match(/\d+/y);
    if (!group) return null;
    const n = Number(group);
    if (this.eat('}')) return { group: n };
    if (!this.eat(':')) return null;
    if (this.eat('/')) {
      const shorthand = this.match(/upcase|downcase|capitalize|camelcase|pascalcase/y);
      return shorthand && this.eat('}') ? { group: n, shorthand: shorthand as NonNullable<Extract<FormatPart, object>['shorthand']> } : null;
    }
    const until = (stops: string): string | null => {
      let out = '';
      while (this.pos < this.src.length) {
        const ch = this.src[this.pos];
        if (ch === '\\' && this.pos + 1 < this.src.length) {
          out += this.src[this.pos + 1];
          this.pos += 2;
          continue;
        }
        if (stops.includes(ch)) return out;
        out += ch;
        this.pos++;
      }
      return null;
    };
    if (this.eat('+')) {
      const ifValue = until('}');
      return ifValue !== null && this.eat('}') ? { group: n, ifValue } : null;
    }
    if (this.eat('?')) {
      const ifValue = until(':');
      if (ifValue === null || !this.eat(':')) return null;
      const elseValue = until('}');
      return elseValue !== null && this.eat('}') ? { group: n, ifValue, elseValue } : null;
    }
    this.eat('-');
    const elseValue = until('}');
    return elseValue !== null && this.eat('}') ? { group: n, elseValue } : null;
  }
}

export function parseSnippet(body: string): SnippetNode[] {
  return new SnippetSyntaxParser(body).parseAll();
}

function words(value: string): string[] {
  return value.match(/[a-z0-9]+/gi) ?? [];
}

function applyShorthand(value: string, shorthand: Extract<FormatPart, object>['shorthand']): string {
  switch (shorthand) {
    case 'upcase': return value.toUpperCase();
    case 'downcase': return value.toLowerCase();
    case 'capitalize': return value.charAt(0).toUpperCase() + value.slice(1);
    case 'pascalcase': return words(value).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') || value;
    case 'camelcase': {
      const ws = words(value);
      return ws.length === 0 ? value : ws.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() : w.charAt(0).toUpperCase()) + w.slice(1)).join('');
    }
    default: return value;
  }
}

export function applyTransform(value: string, transform: Transform): string {
  const render = (groups: (string | undefined)[]) => transform.format.map((part) => {
    if (typeof part === 'string') return part;
    const group = groups[part.group] ?? '';
    if (part.shorthand) return applyShorthand(group, part.shorthand);
    if (part.ifValue !== undefined) return group ? part.ifValue : (part.elseValue ?? '');
    if (part.elseValue !== undefined) return group || part.elseValue;
    return group;
  }).join('');
  let matched = false;
  const result = value.replace(new RegExp(transform.regex, transform.flags), (...args: unknown[]) => {
    matched = true;
    return render(args.slice(0, -2) as (string | undefined)[]);
  });
  if (!matched && transform.format.some((p) => typeof p !== 'string' && p.elseValue)) return render([]);
  return result;
}

export interface ExpandOptions {
  /** Values of snippet variables (TM_FILENAME_BASE...); unknown variables expand to their name, as VS Code does. */
  variables?: Record<string, string>;
  /** Values typed for tab stops, by index; others take their defaults (a choice: its first option). */
  values?: Record<number, string>;
}

/** The snippet's text with every tab stop at its default (or given) value. */
export function expandSnippet(body: string | string[], options: ExpandOptions = {}): string {
  const nodes = parseSnippet(Array.isArray(body) ? body.join('\n') : body);
  const definitions = new Map<number, SnippetNode[] | string>();
  const collect = (list: SnippetNode[]) => {
    for (const node of list) {
      if (node.type === 'tabstop') {
        if (!definitions.has(node.index)) {
          if (node.choices) definitions.set(node.index, node.choices[0] ?? '');
          else if (node.children && node.children.length > 0) definitions.set(node.index, node.children);
        }
        if (node.children) collect(node.children);
      } else if (node.type === 'variable' && node.children) {
        collect(node.children);
      }
    }
  };
  collect(nodes);

  const resolving = new Set<number>();
  const valueOf = (index: number): string => {
    if (options.values && index in options.values) return options.values[index];
    const definition = definitions.get(index);
    if (definition === undefined) return '';
    if (typeof definition === 'string') return definition;
    if (resolving.has(index)) throw new Error(`tab stop ${index} contains itself`);
    resolving.add(index);
    try {
      return render(definition);
    } finally {
      resolving.delete(index);
    }
  };
  const render = (list: SnippetNode[]): string => list.map((node) => {
    if (node.type === 'text') return node.value;
    if (node.type === 'tabstop') {
      const value = valueOf(node.index);
      return node.transform ? applyTransform(value, node.transform) : value;
    }
    const known = options.variables?.[node.name];
    const value = known !== undefined && known !== '' ? known
      : node.children ? render(node.children)
      : known !== undefined ? '' : node.name;
    return node.transform ? applyTransform(value, node.transform) : value;
  }).join('');
  return render(nodes);
}

/**
 * Inserts expanded snippet text at a given indentation, as VS Code does: leading tabs become
 * the indentation unit, and every line after the first gets the insertion line's indentation.
 */
export function indentInserted(text: string, baseIndent: string, unit = '    '): string {
  return text
    .split('\n')
    .map((line, i) => {
      const normalized = line.replace(/^\t+/, (tabs) => unit.repeat(tabs.length));
      return i === 0 || normalized === '' ? normalized : baseIndent + normalized;
    })
    .join('\n');
}
