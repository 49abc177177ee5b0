// robots.txt for one host: allowed(url) and Crawl-delay, parsed by robots-parser.
import robotsParserModule from 'robots-parser';

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}
// The package's CommonJS export is the function itself; its typings describe an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, body: string) => Robot;

export interface Robots {
  url: string;
  status: number;
  allowed(url: string): boolean;
  crawlDelaySeconds?: number;
  sitemaps: string[];
}

export function parseRobots(url: string, status: number, text: string, userAgent: string): Robots {
  // 4xx means "no rules"; 5xx or no answer means we cannot know, and the common reading is also "allowed".
  const body = status >= 200 && status < 300 ? text : '';
  const parser = robotsParser(url, body);
  const agent = userAgent.split('/')[0] ?? userAgent;
  const delay = parser.getCrawlDelay(agent);
  return {
    url,
    status,
    allowed: (u) => parser.isAllowed(u, agent) !== false,
    ...(delay !== undefined && Number.isFinite(delay) ? { crawlDelaySeconds: Math.min(delay, 30) } : {}),
    sitemaps: parser.getSitemaps(),
  };
}
