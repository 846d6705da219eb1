import { useEffect, useState } from 'preact/hooks';
import { getJson, type ActorRow, type Table } from '../api';

let pickers = 0;

/**
 * A text field with type-ahead over the store's actors (by name or code): the suggestions are a
 * native datalist, so keyboards and screen readers work as with any input.
 */
export function ActorPicker({ label, name, value }: { label: string; name: string; value: string }) {
  const [id] = useState(() => `actor-${++pickers}`);
  const [text, setText] = useState(value);
  const [options, setOptions] = useState<ActorRow[]>([]);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      getJson<Table<ActorRow>>('actors', { q: text, limit: 15 }).then(
        (table) => live && setOptions(table.rows),
        () => live && setOptions([]),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  return (
    <label for={id}>
      {label}
      <input
        id={id}
        name={name}
        list={`${id}-list`}
        value={text}
        autocomplete="off"
        placeholder="code or name, e.g. RUS"
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
      />
      <datalist id={`${id}-list`}>
        {options.map((a) => (
          <option value={a.code}>{`${a.name ?? a.code} (${a.kind ?? 'actor'}, ${a.mentions} mentions)`}</option>
        ))}
      </datalist>
    </label>
  );
}
