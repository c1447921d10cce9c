import { randomUUID } from 'node:crypto';
import { Workload } from '../../faults/support/clinic-workload';
import type { Http, HttpResponse } from '../../faults/support/http';
import { sleep } from './cluster';

/** How long a request may go unanswered before it counts as a hang (the client gives up). */
export const REQUEST_TIMEOUT_MS = 30_000;
/** How long a client keeps retrying one step before abandoning its workflow. */
const GIVE_UP_AFTER_MS = 120_000;

export interface RetryStats {
  /** Every attempt, each answer's status (and problem code) counted, retries included. */
  attempts: number;
  byStatus: Record<string, number>;
  /** Network failures (connection refused or reset), retried. */
  networkErrors: number;
  /** Each network failure: when, and its cause's code. */
  networkErrorLog: { at: number; cause: string }[];
  /** Requests that got no answer within REQUEST_TIMEOUT_MS. */
  hangs: string[];
  /** 503 answers without `code: UNAVAILABLE` and a Retry-After header. */
  bad503: string[];
  /** When each write (a POST) was acknowledged with a 2xx, ms since the epoch. */
  writeAcks: number[];
  /** Each acknowledged write's last attempt: when it was sent and when its 2xx came. */
  writes: { sent: number; acked: number }[];
}

/**
 * The seed's workflow as staff's browsers run it against the cluster (test/faults' Workload):
 * each POST carries an Idempotency-Key, and a 503 is retried after its Retry-After, a network
 * error after half a second, with the same key (docs/api.md), so a retried write happens once.
 */
export class RetryingWorkload extends Workload {
  readonly retry: RetryStats = {
    attempts: 0,
    byStatus: {},
    networkErrors: 0,
    networkErrorLog: [],
    hangs: [],
    bad503: [],
    writeAcks: [],
    writes: [],
  };

  protected override async call(
    http: Http,
    method: string,
    url: string,
    body?: unknown,
  ): Promise<HttpResponse> {
    const headers: Record<string, string> =
      method === 'POST' ? { 'idempotency-key': randomUUID() } : {};
    const giveUp = Date.now() + GIVE_UP_AFTER_MS;
    this.stats.requests++;
    for (;;) {
      this.retry.attempts++;
      let res: HttpResponse;
      const sent = Date.now();
      try {
        res = await http.request(method, url, body, headers);
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        if (timedOut) this.retry.hangs.push(`${method} ${url} after ${Date.now() - sent} ms`);
        else {
          this.retry.networkErrors++;
          const cause = error instanceof Error ? error.cause : undefined;
          this.retry.networkErrorLog.push({
            at: Date.now(),
            cause:
              cause instanceof Error
                ? ((cause as Error & { code?: string }).code ?? cause.message)
                : String(error),
          });
        }
        if (Date.now() > giveUp) throw error;
        await sleep(500);
        continue;
      }
      const key = `${res.status}${res.body?.code ? ` ${res.body.code}` : ''}`;
      this.retry.byStatus[key] = (this.retry.byStatus[key] ?? 0) + 1;
      if (res.status >= 500 && res.status !== 503) {
        this.stats.serverErrors.push(`${method} ${url}: ${res.status} ${res.text.slice(0, 300)}`);
      }
      const retryAfter = Number(res.headers.get('retry-after'));
      const retryable =
        res.status === 503 || (res.status === 409 && res.body?.code === 'IDEMPOTENCY_IN_PROGRESS');
      if (res.status === 503 && (res.body?.code !== 'UNAVAILABLE' || !(retryAfter > 0))) {
        this.retry.bad503.push(
          `${method} ${url}: ${res.headers.get('retry-after')} ${res.text.slice(0, 200)}`,
        );
      }
      if (retryable && Date.now() < giveUp) {
        await sleep(retryAfter > 0 ? retryAfter * 1000 : 500);
        continue;
      }
      if (res.status >= 200 && res.status < 300) {
        this.stats.acknowledged++;
        if (method !== 'GET') {
          const acked = Date.now();
          this.retry.writeAcks.push(acked);
          this.retry.writes.push({ sent, acked });
        }
      } else {
        const status = `${res.status} ${res.body?.code ?? ''}`.trim();
        this.stats.statuses[status] = (this.stats.statuses[status] ?? 0) + 1;
      }
      return res;
    }
  }
}

/** The longest stretch between `from` and `to` with no acknowledged write, in ms. */
export function longestWriteGap(acks: number[], from: number, to: number): number {
  const times = [from, ...acks.filter((t) => t > from && t < to).sort((a, b) => a - b), to];
  let longest = 0;
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i]! - times[i - 1]!);
  return longest;
}
