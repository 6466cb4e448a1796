// Turns whatever a user types into the search box into a valid FTS5 query: every word becomes a quoted prefix
// phrase, so quotes, dashes, colons, stars, parentheses and operators (AND/OR/NOT/NEAR) are just text.

/**
 * Returns null when the text holds nothing searchable (only punctuation or spaces).
 * 'hi-hat 909' → '"hi-hat"* AND "909"*' (the tokenizer splits hi-hat into the adjacent phrase "hi hat").
 */
export function toFtsQuery(text: string): string | null {
  const terms: string[] = [];
  for (const chunk of text.normalize('NFC').split(/\s+/u)) {
    // A chunk with no letter or digit would be an empty phrase to FTS5; it matches nothing, so drop it.
    if (!/[\p{L}\p{N}]/u.test(chunk)) continue;
    terms.push(`"${chunk.replace(/"/g, '""')}"*`);
    if (terms.length >= 32) break;
  }
  return terms.length ? terms.join(' AND ') : null;
}
