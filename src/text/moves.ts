// Item moves (the year-to-year map) written the same way in every language.

/** "O12 → O11, O21 + O22 → O20, O27 → O25 / O26" from the moves' data. */
export function movesText(moves: unknown): string {
  if (!Array.isArray(moves)) return '';
  return moves
    .map((m: { from?: string[]; to?: string[] }) => `${(m.from ?? []).join(' + ')} → ${(m.to ?? []).join(' / ')}`)
    .join(', ');
}
