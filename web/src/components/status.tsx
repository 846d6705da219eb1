import type { ComponentChildren } from 'preact';
import { advice } from '../api';
import type { Loaded } from './use-api';

/** A message in place of a result: what happened and what to do next. */
export function Message({ kind, children }: { kind: 'empty' | 'error' | 'loading'; children: ComponentChildren }) {
  return (
    <p class={`message message-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

/** Renders `children(data)` once loaded, else a loading or error message. */
export function Load<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (loaded.state === 'loading') return <Message kind="loading">Loading…</Message>;
  if (loaded.state === 'error') return <Message kind="error">{advice(loaded.error)}</Message>;
  return <>{children(loaded.data)}</>;
}
