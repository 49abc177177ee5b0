// on-site: the evidence sits on the agency's own main website, not on another host.
import { z } from 'zod';
import { unverifiableReason } from '../derive/classify.js';
import { pass, type Check } from './types.js';

const host = (url: string): string => {
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase();
  } catch {
    return '';
  }
};

/** Same host, ignoring www, or a subdomain of it (agencies put ITA pages on ita.<agency>.go.th). */
export function isOnSite(url: string, site: string): boolean {
  const h = host(url);
  const s = host(site);
  return h !== '' && (h === s || h.endsWith(`.${s}`));
}

export const onSite: Check<{ allowExternal: boolean }> = {
  id: 'on-site',
  description: "The evidence is hosted on the agency's main website (assessors give 0 for data hosted elsewhere).",
  options: z.strictObject({ allowExternal: z.boolean().default(false) }),
  defects: ['off-site', 'unverifiable'],
  run(ctx, { allowExternal }) {
    if (ctx.targets.length === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-evidence', data: {} } };
    // Items such as Social Network are links *to* outside services: what counts is that the main site links them.
    if (allowExternal) return pass({ code: 'external-allowed', data: {} });
    if (ctx.targets.some((t) => isOnSite(t.evidence.url, ctx.site))) return pass();
    // A Google Drive or Docs file cannot be opened without a browser session: whether the assessor accepts it (the
    // agency's own account, shared publicly) is for a person to see, not a silent zero.
    const drive = ctx.targets.filter((t) => unverifiableReason(t.evidence.url) === 'google-drive');
    if (drive.length === ctx.targets.length)
      return { status: 'cant-tell', defects: drive.map((t) => ({ kind: 'unverifiable' as const, url: t.evidence.url, data: { reason: 'google-drive' } })) };
    return {
      status: 'fail',
      defects: ctx.targets.map((t) => ({ kind: 'off-site' as const, url: t.evidence.url, data: { host: host(t.evidence.url) } })),
    };
  },
};
