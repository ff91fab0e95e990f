/**
 * Registers the web readers with the input readers: http(s) URLs (feeds or pages), feed
 * files (.rss .atom .rdf .xml) and WARC archives (.warc, .warc.gz). Import this module once
 * for its side effect, from the CLI (not from readers.ts: that would be an import cycle).
 * The readers' modules load on first use, so plain JSONL runs do not pay for them.
 */
import { registerReader } from './readers.ts';

/** Any scheme://… input: http(s) is fetched; anything else gets a clear refusal, not "no such file". */
const URL_INPUT = /^[a-z][a-z0-9+.-]*:\/\//i;

registerReader({
  name: 'url',
  matches: (name) => URL_INPUT.test(name),
  async *read(input, options) {
    const { readWebUrl } = await import('./feed-reader.ts');
    yield* readWebUrl(input, options);
  },
});

registerReader({
  name: 'feed (.rss .atom .rdf .xml)',
  matches: (name) => !URL_INPUT.test(name) && /\.(rss|atom|rdf|xml)$/.test(name),
  async *read(input, options) {
    const { readFeedFile } = await import('./feed-reader.ts');
    yield* readFeedFile(input, options);
  },
});

registerReader({
  name: 'warc (.warc .warc.gz)',
  matches: (name) => !URL_INPUT.test(name) && name.endsWith('.warc'),
  async *read(input, options) {
    const { readWarc } = await import('./warc-reader.ts');
    yield* readWarc(input, options);
  },
});
