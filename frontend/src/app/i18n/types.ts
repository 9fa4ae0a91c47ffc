/**
 * The catalogues: English (`en/`, the source, in the first bundle) and a folder per language,
 * each loaded only when chosen. Every folder has the same areas; an area's keys start with its
 * name (`dashboard.…`). A translation is typed from the English area, so a missing or extra key
 * is a compile error; placeholders are compared by a unit test (i18n.spec.ts).
 */
export type Translation<T> = { readonly [K in keyof T]: string };
