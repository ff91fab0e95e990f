import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { blockParagraphs, type TextNodeLike } from '../../src/extract/block-text.ts';
import { removeBoilerplateElements } from '../../src/extract/boilerplate/dom-filters.ts';
import { boilerplateNameWord } from '../../src/extract/boilerplate/names.ts';
import { filterParagraphs } from '../../src/extract/boilerplate/paragraph-filters.ts';
import { furnitureKind, isDateLine, isSectionHeading } from '../../src/extract/boilerplate/phrases.ts';

const prose = (topic: string): string =>
  `<p>The ${topic} council met on Tuesday to discuss the budget, and members argued for several hours about the new road, the library and the school buses before a vote.</p>`;

function cleaned(html: string): string[] {
  const { document } = parseHTML(`<html><body><div id="article">${html}</div></body></html>`);
  const article = document.getElementById('article') as unknown as Element;
  removeBoilerplateElements(article);
  return blockParagraphs(article as unknown as TextNodeLike);
}

describe('DOM precision filters', () => {
  it('removes a list of links ("more stories") but keeps a list of plain items', () => {
    const out = cleaned(
      prose('city') +
        '<ul><li><a href="/1">Mayor resigns</a></li><li><a href="/2">Bridge closed</a></li><li><a href="/3">Rain ahead</a></li></ul>' +
        '<ul><li>Flour, two cups</li><li>Sugar, one cup</li></ul>' +
        prose('county'),
    );
    assert.ok(!out.some((p) => p.includes('Mayor resigns')));
    assert.ok(out.includes('Flour, two cups'));
    assert.equal(out.filter((p) => p.includes('council met')).length, 2);
  });

  it('removes a "Related" heading and the links after it, up to the next prose paragraph', () => {
    const out = cleaned(
      prose('city') + '<h3>Related stories</h3><p><a href="/a">Budget vote delayed</a></p><p><a href="/b">Library reopens</a></p>' + prose('town'),
    );
    assert.ok(!out.some((p) => /Related|Budget vote|Library reopens/.test(p)), out.join(' | '));
    assert.ok(out.some((p) => p.includes('The town council')));
  });

  it('removes a fully linked teaser paragraph but keeps prose with inline links', () => {
    const out = cleaned(
      '<p>The <a href="/c">council</a> met on Tuesday and <a href="/v">voted</a> to fund the new road after a long debate about costs.</p>' +
        '<p><a href="/x">Read the mayor’s reaction</a></p>',
    );
    assert.equal(out.length, 1);
    assert.ok(out[0].startsWith('The council met'));
  });

  it('removes figures, captions and share bars named as such', () => {
    const out = cleaned(
      '<figure><img src="a.jpg"><figcaption>The council chamber. (Photo: Jane Doe)</figcaption></figure>' +
        prose('city') +
        '<div class="share-tools"><span>Share on Facebook</span></div><p class="image-credit">Getty Images</p>',
    );
    assert.deepEqual(out.length, 1);
    assert.ok(out[0].includes('council met'));
  });

  it('never removes an element holding most of the article, whatever it is called', () => {
    const out = cleaned(`<div class="share-wrapper">${prose('a')}${prose('b')}${prose('c')}</div><p>Short note.</p>`);
    assert.equal(out.filter((p) => p.includes('council met')).length, 3);
  });

  it('keeps an embedded post inside a "social" box', () => {
    const out = cleaned(prose('city') + '<div class="social-embed"><blockquote class="twitter-tweet"><p>What a vote!</p></blockquote></div>');
    assert.ok(out.includes('What a vote!'));
  });
});

describe('class/id names', () => {
  const element = (attributes: string): Element => {
    const { document } = parseHTML(`<html><body><div ${attributes}></div></body></html>`);
    return document.querySelector('div') as unknown as Element;
  };
  it('matches whole words of class names, camelCase included', () => {
    assert.equal(boilerplateNameWord(element('class="sdc-article-related-stories"')), 'related');
    assert.equal(boilerplateNameWord(element('class="relatedContent"')), 'related');
    assert.equal(boilerplateNameWord(element('class="ad-slot"')), 'ad');
    assert.equal(boilerplateNameWord(element('class="header shadow"')), null);
    assert.equal(boilerplateNameWord(element('class="article-body"')), null);
  });
});

describe('paragraph (line) filters', () => {
  it('drops furniture lines by what they say and keeps article sentences', () => {
    const { kept, removed } = filterParagraphs(
      [
        'Read more: Mayor resigns after vote',
        'Advertisement',
        'Updated 1:39 am EST, Wednesday, November 20, 2019',
        'By Jane Doe',
        'Reporting by Jane Doe; Editing by John Roe',
        'Related: more on this story',
        'The council met on Tuesday.',
        'Read more about the budget in the annex, which the council published after a long meeting that ran late into the night and well beyond what anyone in the room had expected or wanted it to.',
      ],
      { title: null, byline: null },
    );
    assert.deepEqual(kept, [
      'The council met on Tuesday.',
      'Read more about the budget in the annex, which the council published after a long meeting that ran late into the night and well beyond what anyone in the room had expected or wanted it to.',
    ]);
    assert.equal(removed.length, 6);
  });

  it('drops the headline when it is repeated as the first block, once', () => {
    const { kept } = filterParagraphs(['Council Approves Road', 'The council met.', 'Council Approves Road'], {
      title: 'Council Approves Road | Example News',
      byline: null,
    });
    assert.deepEqual(kept, ['The council met.', 'Council Approves Road']);
  });

  it('recognises datelines, not sentences with dates', () => {
    assert.ok(isDateLine('18 NOV 2019'));
    assert.ok(isDateLine('Posted: Fri 6:45 PM, Feb 16, 2018 |'));
    assert.ok(isDateLine('sexta-feira, 22 de outubro de 2010 às 20:13'));
    assert.ok(!isDateLine('In 2019 the council met.'));
    assert.ok(!isDateLine('The vote on November 20, 2019 was close.'));
    assert.equal(furnitureKind('The vote on November 20, 2019 was close.'), null);
  });

  it('recognises section headings', () => {
    assert.ok(isSectionHeading('You may also like...'));
    assert.ok(isSectionHeading('More from UK'));
    assert.ok(isSectionHeading('Leia também'));
    assert.ok(!isSectionHeading('More than 100 people were injured in the blast'));
  });
});
