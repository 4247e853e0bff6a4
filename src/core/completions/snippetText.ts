// Snippet bodies as the catalogues write them: VS Code snippet syntax (tab stops `$1`, placeholders
// `${1:default}`, choices `${1|a,b|}`, `$0`, escapes `\$` `\}` `\\`) with tabs for indentation, plus
// «name» tokens for every name the body uses that the file must provide: an import («LogLevel»), a
// value of the place it goes («@container», the `__init__`'s parameter). Tokens are replaced by the
// names the file uses (an alias it already has, or the name an added import binds) before the body
// becomes a completion item.

/** The «tokens» of a body, each once, in order of appearance. */
export function tokensOf(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(/«([@\w]+)»/g)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/**
 * Replaces every «token» by its value, called once per occurrence. Values are escaped for the snippet
 * syntax, except those `raw` says are snippet text already (a placeholder, a choice).
 */
export function substituteTokens(body: string, values: (token: string) => string, raw: (token: string) => boolean = () => false): string {
  return body.replace(/«([@\w]+)»/g, (_, token: string) => {
    const value = values(token);
    return raw(token) ? value : escapeSnippetText(value);
  });
}

/** Escapes literal text for a snippet body: `\` and `$` get a backslash. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$]/g, (c) => `\\${c}`);
}

/**
 * The plain text of a snippet body with every tab stop at its default: the text VS Code inserts when
 * the user tabs through without typing. Used for code the snippet brings along as plain edits (helper
 * methods). Handles the syntax the catalogues use; anything else is kept as text.
 */
export function snippetDefaults(body: string): string {
  // Each tab stop's first definition, as written (a placeholder's text, expanded when used) or chosen.
  const definitions = new Map<string, { text: string } | { choice: string }>();
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      i++;
      continue;
    }
    const m = /^\$\{(\d+)([:|])/.exec(body.slice(i, i + 6));
    if (!m || definitions.has(m[1])) continue;
    const end = closingBrace(body, i + m[0].length);
    if (end < 0) continue;
    const inner = body.slice(i + m[0].length, end);
    definitions.set(m[1], m[2] === ':' ? { text: inner } : { choice: (inner.replace(/\|$/, '').split(/(?<!\\),/)[0] ?? '').replace(/\\([,|\\])/g, '$1') });
  }
  const resolving = new Set<string>();
  const valueOf = (index: string): string => {
    const definition = definitions.get(index);
    if (!definition || resolving.has(index)) return '';
    if ('choice' in definition) return definition.choice;
    resolving.add(index);
    try {
      return expand(definition.text);
    } finally {
      resolving.delete(index);
    }
  };
  const expand = (text: string): string => {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\\' && i + 1 < text.length && '$}\\'.includes(text[i + 1])) {
        out += text[++i];
        continue;
      }
      if (c === '$') {
        const braced = /^\$\{(\d+)([:|}])/.exec(text.slice(i, i + 6));
        if (braced) {
          const end = braced[2] === '}' ? i + braced[0].length - 1 : closingBrace(text, i + braced[0].length);
          if (end >= 0) {
            out += valueOf(braced[1]);
            i = end;
            continue;
          }
        }
        const bare = /^\$(\d+)/.exec(text.slice(i, i + 4));
        if (bare) {
          out += valueOf(bare[1]);
          i += bare[0].length - 1;
          continue;
        }
      }
      out += c;
    }
    return out;
  };
  return expand(body);
}

/** The index of the `}` closing a placeholder whose content starts at `from` (nested placeholders skipped). */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** A body's lines with tab indentation turned into 4-space indentation (the core's edit helpers take that). */
export function tabsToSpaces(text: string): string {
  return text.split('\n').map((line) => line.replace(/^\t+/, (tabs) => '    '.repeat(tabs.length))).join('\n');
}

/**
 * The helpers a body needs that the place lacks, transitively (a helper's own body may use others), in
 * the order first used: `used(text)` names the helpers a text uses, `bodyOf` gives a helper's body.
 */
export function missingHelpers(body: string, used: (text: string) => string[], bodyOf: (name: string) => string, has: (name: string) => boolean): string[] {
  const out: string[] = [];
  const visit = (text: string) => {
    for (const name of used(text)) {
      if (has(name) || out.includes(name)) continue;
      out.push(name);
      visit(bodyOf(name));
    }
  };
  visit(body);
  return out;
}
