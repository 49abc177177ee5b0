// Many agency websites on one machine for the fleet's tests and bench: the demo site served on its own loopback
// address per agency (127.10.0.1, 127.10.0.2, …: each a separate host to the crawler and to the per-host limit), or
// several agencies sharing one host, as agencies on a province's shared hosting do.
import { DEMO_SITE_DIR, serveDirectory, type Served } from './serve.js';

export interface FleetSite {
  id: string;
  name: string;
  url: string;
  /** The server answering it (shared by the agencies of one host). */
  server: Served;
}

export interface FleetSites {
  agencies: FleetSite[];
  servers: Served[];
  close(): Promise<void>;
}

/** The i-th loopback address (Linux answers on all of 127.0.0.0/8). */
export const loopbackHost = (i: number): string => `127.${10 + Math.floor(i / 250)}.0.${(i % 250) + 1}`;

export async function serveFleetSites(n: number, opts: { latencyMs?: number; perHost?: number; dir?: string } = {}): Promise<FleetSites> {
  const perHost = opts.perHost ?? 1;
  const servers: Served[] = [];
  const agencies: FleetSite[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const h = Math.floor(i / perHost);
      if (!servers[h]) servers[h] = await serveDirectory(opts.dir ?? DEMO_SITE_DIR, 0, undefined, { host: loopbackHost(h), ...(opts.latencyMs ? { latencyMs: opts.latencyMs } : {}) });
      const server = servers[h]!;
      // Agencies sharing a host start at their own page of it (?agency= keeps the start URLs apart).
      agencies.push({ id: `agency-${String(i + 1).padStart(3, '0')}`, name: `หน่วยงานทดสอบที่ ${i + 1}`, url: perHost > 1 ? `${server.url}?agency=${i + 1}` : server.url, server });
    }
  } catch (err) {
    await Promise.all(servers.map((s) => s.close()));
    throw err;
  }
  return { agencies, servers, close: async () => void (await Promise.all(servers.map((s) => s.close()))) };
}
