import type { ComponentChildren } from 'preact';
import { navigate, type View } from '../router';

/**
 * A search form whose fields become the view's URL state on submit (so the view can be shared),
 * with the period fields every view has and, in views that count events, a box to keep the
 * historical ones (background acts dated well before their article, left out by default).
 */
export function FilterForm({
  view,
  params,
  historical = false,
  children,
}: {
  view: View;
  params: Record<string, string>;
  historical?: boolean;
  children?: ComponentChildren;
}) {
  const submit = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const next: Record<string, string> = {};
    for (const [key, value] of data) if (typeof value === 'string' && value.trim()) next[key] = value.trim();
    navigate(view, next);
  };
  return (
    <form class="filters" onSubmit={submit} aria-label="Filters">
      {children}
      <label for={`${view}-from`}>
        From
        <input
          id={`${view}-from`}
          name="from"
          value={params.from ?? ''}
          placeholder="YYYY or YYYY-MM-DD"
          pattern="\d{4}(-\d{2}(-\d{2})?)?"
        />
      </label>
      <label for={`${view}-to`}>
        To
        <input
          id={`${view}-to`}
          name="to"
          value={params.to ?? ''}
          placeholder="YYYY or YYYY-MM-DD"
          pattern="\d{4}(-\d{2}(-\d{2})?)?"
        />
      </label>
      {historical && (
        <label for={`${view}-all`}>
          <input id={`${view}-all`} name="all" type="checkbox" value="true" checked={params.all === 'true'} />
          Background acts too
        </label>
      )}
      <button type="submit">Show</button>
    </form>
  );
}
