/**
 * Name folding for place lookups, shared by the gazetteer build script and the run-time
 * loader so both sides agree on keys: case, accents, dots, apostrophes, hyphens and a
 * leading "the" do not distinguish place names ("the U.S." = "US", "Québec" = "quebec").
 */
export function foldPlaceName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/\./g, '')
    .replace(/[-‐–]/g, ' ')
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    // Spaced initials from caseless scrapes: "u s" = "us", "u k" = "uk".
    .replace(/\b([a-z]) (?=[a-z]\b)/g, '$1');
}
