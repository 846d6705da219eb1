import type { ComponentChildren } from 'preact';
import { navigate, type View } from '../router';

/**
 * A search form whose fields become the view's URL state on submit (so the view can be shared),
 * with the period fields every view has.
 */
export function FilterForm({
  view,
  params,
  children,
}: {
  view: View;
  params: Record<string, string>;
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
      <button type="submit">Show</button>
    </form>
  );
}
