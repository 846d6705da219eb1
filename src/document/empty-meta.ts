import type { ArticleMeta } from './types.js';

/** Metadata that says nothing yet: what extraction starts from, and what a record shows without any. */
export function emptyMeta(): ArticleMeta {
  return {
    title: null,
    published: null,
    updated: null,
    authors: [],
    agency: null,
    url: null,
    language: 'en',
    dateline: null,
    provenance: {},
  };
}
