/** A display label in Vietnamese (the official term) and English. */
export type Label = { vi: string; en: string };
