/**
 * Plain text from a DOM subtree, built block by block: `textContent` glues the last word
 * of one paragraph to the first of the next, so we walk the tree and start a new
 * paragraph at every block element. Paragraphs are separated by a blank line; a <br>
 * is a line break inside a paragraph, two in a row end the paragraph.
 */

/** Elements that start and end a paragraph of their own. */
export const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIR',
  'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HGROUP', 'HR', 'HTML', 'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY',
  'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL', 'LEGEND',
]);

/** Table cells stay on their row's line, separated by a tab-like gap. */
const CELL_TAGS = new Set(['TD', 'TH']);

/** Never text, whatever is inside. */
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'HEAD', 'TITLE', 'IFRAME', 'OBJECT', 'BUTTON', 'SELECT', 'TEXTAREA', 'MATH']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** The minimal DOM surface we read: works on linkedom, jsdom and browser nodes. */
export interface TextNodeLike {
  nodeType: number;
  nodeName: string;
  nodeValue?: string | null;
  childNodes: ArrayLike<TextNodeLike>;
}

/** Splits a subtree into paragraph strings (whitespace collapsed, empty ones dropped). */
export function blockParagraphs(root: TextNodeLike): string[] {
  const paragraphs: string[] = [];
  let line = '';
  let lines: string[] = [];
  let pendingBreaks = 0;

  const endParagraph = (): void => {
    const text = [...lines, line].map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l.length > 0).join('\n');
    if (text.length > 0) paragraphs.push(text);
    line = '';
    lines = [];
    pendingBreaks = 0;
  };

  const visit = (node: TextNodeLike, inPre: boolean): void => {
    if (node.nodeType === TEXT_NODE) {
      const value = node.nodeValue ?? '';
      if (value.length === 0) return;
      if (/\S/.test(value)) pendingBreaks = 0;
      if (inPre) {
        const parts = value.split('\n');
        line += parts[0];
        for (let i = 1; i < parts.length; i++) {
          lines.push(line);
          line = parts[i];
        }
      } else {
        line += value;
      }
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIP_TAGS.has(tag)) return;
    if (tag === 'BR') {
      pendingBreaks++;
      if (pendingBreaks >= 2) endParagraph();
      else {
        lines.push(line);
        line = '';
      }
      return;
    }
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock) endParagraph();
    else if (CELL_TAGS.has(tag)) line += ' \t ';
    const pre = inPre || tag === 'PRE';
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) visit(children[i], pre);
    if (isBlock) endParagraph();
    else if (tag === 'IMG' || tag === 'INPUT') line += ' ';
  };

  visit(root, false);
  endParagraph();
  return paragraphs;
}

/** Paragraphs joined by a blank line: the text contract of `storyline extract`. */
export function blockText(root: TextNodeLike): string {
  return blockParagraphs(root).join('\n\n');
}
