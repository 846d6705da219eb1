import { csvUrl, type QuoteRow, type Table } from '../api';
import { FilterForm } from '../components/period-form';
import { Load, Message } from '../components/status';
import { useApi } from '../components/use-api';
import { href } from '../router';

/** Quotations by speaker and words, grouped by speaker, each with its article. */
export function Quotes({ params }: { params: Record<string, string> }) {
  const query = { speaker: params.speaker, text: params.text, from: params.from, to: params.to, limit: 500 };
  const quotes = useApi<Table<QuoteRow>>('quotes', query);
  return (
    <section aria-labelledby="quotes-title">
      <h2 id="quotes-title">Quotations</h2>
      <FilterForm view="quotes" params={params}>
        <label for="quotes-speaker">
          Speaker
          <input id="quotes-speaker" name="speaker" value={params.speaker ?? ''} placeholder="name or code" />
        </label>
        <label for="quotes-text">
          Words
          <input id="quotes-text" name="text" value={params.text ?? ''} placeholder="e.g. sanctions" />
        </label>
      </FilterForm>
      <Load loaded={quotes}>
        {(table) => {
          if (!table.rows.length)
            return (
              <Message kind="empty">
                No quotation matches: try fewer words, part of the speaker's name, or no period.
              </Message>
            );
          const groups = new Map<string, QuoteRow[]>();
          for (const q of table.rows) {
            const key = q.speaker ?? 'Unattributed';
            groups.set(key, [...(groups.get(key) ?? []), q]);
          }
          const ordered = [...groups].sort((x, y) => y[1].length - x[1].length || x[0].localeCompare(y[0]));
          return (
            <>
              <p class="table-head">
                <span>
                  {`${table.rows.length} quotation${table.rows.length === 1 ? '' : 's'} by ` +
                    `${groups.size} speaker${groups.size === 1 ? '' : 's'}`}
                </span>
                <a class="csv" href={csvUrl('quotes', query)} download>
                  Download CSV<span class="visually-hidden"> of quotations</span>
                </a>
              </p>
              {ordered.map(([speaker, list]) => (
                <section class="speaker" aria-label={speaker}>
                  <h3>
                    {speaker}{' '}
                    <span class="count">
                      {`${list.length} quotation${list.length === 1 ? '' : 's'}`}
                      {list[0]?.code ? ` · ${list[0].code}` : ''}
                    </span>
                  </h3>
                  <ul>
                    {list.map((q) => (
                      <li>
                        <blockquote>{q.text}</blockquote>
                        <span class="meta">
                          {`${q.kind ?? ''} · ${q.date ?? 'undated'}${q.via ? ` · via ${q.via}` : ''} · `}
                          <a href={href('article', { id: q.article, quote: q.text })}>article</a>
                        </span>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </>
          );
        }}
      </Load>
    </section>
  );
}
