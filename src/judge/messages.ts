// Builds defect text from the rule set's messages (checks report kinds and data, never text).
import type { Defect } from '../model/result.js';
import type { Item, RuleSet } from '../model/rule-set.js';
import type { DefectDraft } from '../checks/types.js';

function fill(template: string, data: Record<string, unknown>): string {
  return template
    .replace(/\{(\w+)\}/g, (_, k: string) => {
      const v = data[k];
      return v === undefined || v === null ? '' : String(v);
    })
    .replace(/\(\s*\)/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

export function buildDefect(draft: DefectDraft, rs: RuleSet, item?: Item): Defect {
  const msg = rs.messages.defects[draft.kind];
  const own = item?.fix[draft.kind];
  const data: Record<string, unknown> = {
    item: item?.id ?? '',
    title: item?.title ?? '',
    titleEn: item?.titleEn ?? '',
    url: draft.url ?? '',
    status: '',
    reason: '',
    ...draft.data,
  };
  return {
    kind: draft.kind,
    ...(item ? { item: item.id } : {}),
    ...(draft.url ? { url: draft.url } : {}),
    message: msg ? fill(msg.th, data) : draft.kind,
    messageEn: msg ? fill(msg.en, data) : draft.kind,
    fix: fill(own?.th ?? msg?.fixTh ?? '', data),
    fixEn: fill(own?.en ?? msg?.fixEn ?? '', data),
    ...(draft.data ? { data: draft.data } : {}),
  };
}
