// Locating ../shared/bench and running its site server, for `npm run bench` and `npm run eval` (extra evidence only).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { get as httpGet } from 'node:http';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED = process.env.OIT_SHARED ?? join(ROOT, '..', 'shared');
export const BENCH = join(SHARED, 'bench');

/** Exit 0 with a clear message when ../shared is not there (a user's clone has none; CI has it). */
export function requireShared(what: string): void {
  if (!existsSync(join(BENCH, 'make-site.mjs'))) {
    console.log(`${what}: skipped — ../shared/bench not found at ${BENCH} (set OIT_SHARED to point at it)`);
    process.exit(0);
  }
}

/** Re-run this script inside the bench's loopback-only network namespace (the peers were measured there). */
export function enterSandbox(script: string): void {
  if (process.env.BENCH_SANDBOX === 'inside' || process.env.OIT_NO_SANDBOX === '1') return;
  const probe = spawnSync('unshare', ['--net', '--mount', 'true']);
  if (probe.status !== 0) {
    console.log('note: cannot create a network namespace here; running on the host network (DNS of .invalid hosts may be slow)');
    return;
  }
  const r = spawnSync('bash', [join(BENCH, 'lib', 'in-sandbox.sh'), process.execPath, script, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

export function makeSite(out: string, agencies = 20): string {
  if (!existsSync(join(out, 'manifest.json'))) {
    const r = spawnSync(process.execPath, [join(BENCH, 'make-site.mjs'), '--out', out, '--agencies', String(agencies)], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`make-site failed for ${out}`);
  }
  return out;
}

export async function startServer(site: string, port: number, latencyMs = 30): Promise<{ origin: string; proc: ChildProcess; stats(): Promise<any>; reset(): Promise<void> }> {
  const proc = spawn(process.execPath, [join(BENCH, 'serve.mjs'), '--site', site, '--port', String(port), '--latency-ms', String(latencyMs), '--max-seconds', '1800', '--quiet'], { stdio: 'ignore' });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await getFresh(`${origin}/_bench/stats`);
      break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    proc,
    stats: async () => JSON.parse(await getFresh(`${origin}/_bench/stats`)),
    reset: async () => void (await getFresh(`${origin}/_bench/reset`)),
  };
}

/**
 * A GET on a new connection. fetch() would reuse a pooled socket that the server closed while this process was
 * blocked in spawnSync, and fail with "other side closed".
 */
function getFresh(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    httpGet(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

export interface Timed {
  wallS: number;
  cpuS: number;
  peakRssMb: number;
  status: number;
}

/** Run a command under /usr/bin/time -v (peak RSS of the largest process, CPU seconds). */
export function timed(cmd: string[], cwd: string): Timed {
  const t0 = Date.now();
  const r = spawnSync('/usr/bin/time', ['-v', ...cmd], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const wallS = (Date.now() - t0) / 1000;
  const num = (re: RegExp) => Number(re.exec(r.stderr)?.[1] ?? NaN);
  return { wallS, cpuS: num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/), peakRssMb: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024, status: r.status ?? -1 };
}
