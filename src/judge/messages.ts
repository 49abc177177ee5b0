// A check's draft becomes a result defect: its kind, its place and its data (wording is applied when rendering).
import type { Defect } from '../model/result.js';
import type { Item } from '../model/rule-set.js';
import type { DefectDraft } from '../checks/types.js';

export function buildDefect(draft: DefectDraft, item?: Item): Defect {
  return { kind: draft.kind, ...(item ? { item: item.id } : {}), ...(draft.url ? { url: draft.url } : {}), data: { ...draft.data } };
}
