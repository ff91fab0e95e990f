/**
 * Language identification with `eld` (fastest of the npm detectors). Short or unreliable
 * text falls back to the language the record declared.
 */
import { eld } from 'eld/small';

/** Below this many characters eld's guesses are noise. */
const MIN_CHARS_FOR_DETECTION = 40;
/**
 * Detection cost grows with length; the lead decides it. 200 characters agree with 600 on
 * all 481 long texts of zyte-aeb and news_cluster (8 languages), as do 150, at 0.11 ms a
 * text against 0.16 for 300 (`npm run bench:fast-paths`); 200 keeps a margin for leads
 * that open with a dateline or a byline.
 */
export const DETECTION_SAMPLE_CHARS = 200;

/** What detection reads: DETECTION_SAMPLE_CHARS from the first non-blank character (boilerplate arrives blanked to spaces). */
export function languageSample(text: string): string {
  const from = text.search(/\S/);
  return from < 0 ? '' : text.slice(from, from + DETECTION_SAMPLE_CHARS);
}

export function detectLanguage(text: string, declared?: string | null): string | null {
  const declaredCode = declared ? declared.toLowerCase().slice(0, 2) : null;
  const sample = languageSample(text);
  if (sample.trim().length < MIN_CHARS_FOR_DETECTION) return declaredCode;
  if (isClearlyEnglish(sample)) return 'en';
  const result = eld.detect(sample);
  if (!result.language) return declaredCode;
  if (!result.isReliable() && declaredCode) return declaredCode;
  return result.language;
}

/**
 * English function words that other languages do not use as words ("the", "which", "would";
 * not "is", "was", "for", "of", "to", which Dutch, German, Scandinavian or Czech text has).
 */
const ENGLISH_MARKERS = new Set([
  'the', 'and', 'that', 'with', 'said', 'which', 'were', 'this', 'they', 'their', 'would', 'been', 'who', 'its',
  'after', 'than', 'but', 'about', 'has', 'from', 'it', 'there', 'when', 'what', 'have',
]);
/** Words a sample needs, and the share of them that must be markers, with "the" among them. */
const MIN_SAMPLE_WORDS = 12;
const MIN_MARKER_SHARE = 0.1;

/**
 * A sample that is plainly English prose, decided without eld: eld's n-gram tables are large
 * and, beside the rest of ingest, its look-ups miss the cache (~0.35 ms an article in the
 * bench profile). On 9,855 texts of zyte-aeb, news_cluster, mstream and the bench corpus it
 * claims most English texts and never one eld calls another language
 * (`npm run bench:fast-paths`).
 */
export function isClearlyEnglish(sample: string): boolean {
  let words = 0;
  let markers = 0;
  let the = false;
  for (const match of sample.matchAll(/\S+/g)) {
    words++;
    const word = match[0].toLowerCase().replace(/^[^a-z]+|[^a-z]+$/g, '');
    if (ENGLISH_MARKERS.has(word)) {
      markers++;
      if (word === 'the') the = true;
    }
  }
  return the && words >= MIN_SAMPLE_WORDS && markers >= words * MIN_MARKER_SHARE;
}
