// Thai first, English on request: the language a user reads output in.
export type Lang = 'th' | 'en';

export function pickLang(value: string | undefined): Lang {
  const v = (value ?? process.env.OIT_LANG ?? 'th').toLowerCase();
  return v.startsWith('en') ? 'en' : 'th';
}

/** Pick the text for the language. */
export const tr = (lang: Lang, th: string, en: string): string => (lang === 'en' ? en : th);
