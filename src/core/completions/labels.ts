// Every label an ONEX completion item can have, and the cheap test run before any parse: VS Code keeps
// an item only when the typed word's characters appear in its label in order, so a word that fits no
// label (most words typed at the start of a line: `self`, `return`) needs no analysis at all.
import { KIND_ORDER } from './fileTemplates';
import { BRIDGE_PATTERNS } from './python/bridge';

export const ITEM_LABELS: readonly string[] = [
  ...BRIDGE_PATTERNS.map((p) => p.prefix),
  ...KIND_ORDER.flatMap((kind) => [`onex-handler-${kind}`, `onex-output-${kind}`, `onex-node-${kind}`]),
  'onex-infra-error',
];

/** Whether the typed word's characters appear, in order and ignoring case, in some item's label. */
export function mayMatchAnItem(word: string): boolean {
  const typed = word.toLowerCase();
  return ITEM_LABELS.some((label) => {
    let i = 0;
    for (const c of label) if (c === typed[i]) i++;
    return i === typed.length;
  });
}
