/**
 * HTTP load for the benchmark over Node's http client (keep-alive): a closed loop of N requests
 * through C concurrent connections, and an open loop at a fixed offered rate. Only loopback.
 */
import http from 'node:http';

export interface Sent {
  status: number;
  ms: number;
  /** When the client sent it (epoch ms, sub-millisecond). */
  at: number;
  /** Its Idempotency-Key header, when it had one. */
  key?: string;
}

export interface LoadResult {
  sent: Sent[];
  startedAt: number;
  endedAt: number;
  /** Requests that could not be sent on schedule because `maxInFlight` were outstanding. */
  late: number;
  /** Requests never sent because the sender fell past its deadline (the server could not keep up). */
  dropped: number;
}

export interface PostRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * Keep-alive connections for every request the bench sends. Node's http client rather than
 * fetch: the load generator shares the machine's cores with the stack it measures, and fetch
 * (WHATWG streams over undici) spends several times the CPU per request.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

/** POSTs `body` (JSON) and reads the whole answer; status 0 when the connection failed. */
export function postJson(
  base: string,
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = http.request(
      `${base}${path}`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', () => resolve({ status: 0, text: '' }));
      },
    );
    req.on('error', () => resolve({ status: 0, text: '' }));
    req.end(body);
  });
}

async function post(base: string, req: PostRequest): Promise<Sent> {
  const t = performance.now();
  const at = performance.timeOrigin + t;
  const { status } = await postJson(base, req.path, req.body, req.headers);
  return { status, ms: performance.now() - t, at, key: req.headers['idempotency-key'] };
}

/** Every request once, `concurrency` at a time, as fast as the server answers. */
export async function closedLoop(
  base: string,
  requests: readonly PostRequest[],
  concurrency: number,
): Promise<LoadResult> {
  const sent: Sent[] = new Array<Sent>(requests.length);
  let next = 0;
  const startedAt = Date.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, requests.length) }, async () => {
      while (next < requests.length) {
        const i = next++;
        sent[i] = await post(base, requests[i]);
      }
    }),
  );
  return { sent, startedAt, endedAt: Date.now(), late: 0, dropped: 0 };
}

/**
 * Offers `requests` at `rate` per second on a fixed schedule (open loop: a slow answer does not
 * slow the sender), with at most `maxInFlight` outstanding; a request that would exceed it waits
 * and is counted as late.
 */
export async function openLoop(
  base: string,
  requests: readonly PostRequest[],
  rate: number,
  maxInFlight = 512,
  /** Stop offering after this long: a server far below the rate must not stretch the run. */
  deadlineMs = (requests.length / rate) * 1000 * 2,
): Promise<LoadResult> {
  const sent: Sent[] = [];
  const pending = new Set<Promise<void>>();
  let late = 0;
  const startedAt = Date.now();
  const t0 = performance.now();
  let dropped = 0;
  for (let i = 0; i < requests.length; i++) {
    if (performance.now() - t0 > deadlineMs) {
      dropped = requests.length - i;
      break;
    }
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (pending.size >= maxInFlight) {
      late++;
      await Promise.race(pending);
    }
    const p: Promise<void> = post(base, requests[i]).then((s) => {
      sent.push(s);
      pending.delete(p);
    });
    pending.add(p);
  }
  await Promise.all(pending);
  return { sent, startedAt, endedAt: Date.now(), late, dropped };
}
