/**
 * An article's text with its marks: boilerplate (kept out of the analysis) and passages
 * reused from another article, each linked to its source. The text is sliced by the
 * segments' offsets and rendered as text nodes, never as HTML.
 */
import { useState } from 'preact/hooks';
import type { ArticleDetailT } from '../api.ts';
import { percent } from '../format.ts';
import { articleHref } from '../router.ts';

export function ArticleText({ article }: { article: ArticleDetailT }) {
  const [hideBoilerplate, setHideBoilerplate] = useState(false);
  const hasBoilerplate = article.segments.some((s) => s.kind === 'boilerplate');
  const hasCopies = article.segments.some((s) => s.kind === 'copied');
  const sourceNames = new Map(article.copiedFrom.map((c) => [c.id, c.article?.source ?? 'another article']));
  return (
    <section class="panel" aria-labelledby="h-text">
      <h2 id="h-text">Text</h2>
      {hasBoilerplate || hasCopies ? (
        <p class="legend-line">
          {hasBoilerplate ? <mark class="boilerplate">boilerplate</mark> : null}
          {hasCopies ? <mark class="copied">reused from another article</mark> : null}
          {hasBoilerplate ? (
            <label class="toggle">
              <input type="checkbox" checked={hideBoilerplate} onChange={(e) => setHideBoilerplate((e.currentTarget as HTMLInputElement).checked)} /> hide boilerplate
            </label>
          ) : null}
        </p>
      ) : null}
      <div class={`article-text${hideBoilerplate ? ' hide-boilerplate' : ''}`} lang={article.language ?? undefined}>
        {article.segments.map((s, i) => {
          const text = article.text.slice(s.start, s.end);
          if (s.kind === 'boilerplate') {
            return (
              <mark class="boilerplate" data-kind={s.boilerplateKind} title={`boilerplate: ${s.boilerplateKind ?? 'unknown'}`} key={i}>
                <span class="bp-kind" aria-hidden="true">
                  {s.boilerplateKind ?? 'boilerplate'}
                </span>
                {text}
              </mark>
            );
          }
          if (s.kind === 'copied' && s.copy) {
            return (
              <span key={i}>
                <mark class={`copied${s.copy.spun ? ' spun' : ''}`} title={`${s.copy.spun ? 'spun copy' : 'reused'} from ${sourceNames.get(s.copy.articleId)}`}>
                  {text}
                </mark>
                <a class="copy-ref" href={articleHref(s.copy.articleId)} title={`source of this passage (${percent(s.copy.share)} of the article reused${s.copy.spun ? ', spun' : ''})`}>
                  [from {sourceNames.get(s.copy.articleId)}]
                </a>
              </span>
            );
          }
          return <span key={i}>{text}</span>;
        })}
      </div>
    </section>
  );
}
