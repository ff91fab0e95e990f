/**
 * English function words. They are never folded to synonyms (WordNet knows "us" as the
 * United States and "will" as a legal document, which is not what a news sentence means by
 * them), they carry no evidence of copying on their own, and a spinner leaves them alone.
 * "s" and "t" are what is left of "Kim's" and "don't" once punctuation is gone, as in
 * lowercased, punctuation-stripped text.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor so yet if then than that this these those there here ' +
    'of in on at to for from by with without about into onto over under after before since until ' +
    'up down out off through during against between among around across along upon within via per ' +
    'i me my mine we us our ours you your yours he him his she her hers it its they them their theirs ' +
    'who whom whose which what when where why how whether while ' +
    'is am are was were be been being has have had having do does did doing done ' +
    'will would shall should can could may might must ought ' +
    'not no nor also too very just only even still already again ever never ' +
    'as such both each either neither all any some many much more most other another own same ' +
    's t d ll ve re m mr mrs ms dr'
  ).split(' '),
);

/** Words that name nothing by themselves: a shingle made only of these is no evidence. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}
