import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { blockParagraphs, blockText, type TextNodeLike } from '../../src/extract/block-text.ts';

function body(html: string): TextNodeLike {
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  return document.body as unknown as TextNodeLike;
}

describe('blockText', () => {
  it('separates block elements by a blank line where textContent would glue them', () => {
    const root = body('<div><p>First one.</p><p>Second one.</p><h2>Heading</h2><div>Third</div></div>');
    assert.equal(blockText(root), 'First one.\n\nSecond one.\n\nHeading\n\nThird');
    assert.equal((root as unknown as Element).textContent, 'First one.Second one.HeadingThird');
  });

  it('keeps inline markup inside one paragraph and collapses whitespace', () => {
    const root = body('<p>An <b>important</b>\n   <a href="#">linked</a> word.</p>');
    assert.deepEqual(blockParagraphs(root), ['An important linked word.']);
  });

  it('does not glue inline siblings that are separated only by markup', () => {
    assert.deepEqual(blockParagraphs(body('<p><span>one</span><span>two</span></p>')), ['onetwo']);
    assert.deepEqual(blockParagraphs(body('<p><span>one</span> <span>two</span></p>')), ['one two']);
  });

  it('treats one <br> as a line break and two as a paragraph break', () => {
    assert.deepEqual(blockParagraphs(body('<div>line one<br>line two<br><br>new paragraph</div>')), ['line one\nline two', 'new paragraph']);
  });

  it('gives each list item its own paragraph and skips scripts and styles', () => {
    const root = body('<ul><li>alpha</li><li>beta</li></ul><script>var x = 1;</script><style>p{}</style>');
    assert.deepEqual(blockParagraphs(root), ['alpha', 'beta']);
  });

  it('keeps table cells of a row on one line', () => {
    const root = body('<table><tr><td>Kyle</td><td>5040</td></tr><tr><td>Denny</td><td>5027</td></tr></table>');
    assert.deepEqual(blockParagraphs(root), ['Kyle 5040', 'Denny 5027']);
  });
});
