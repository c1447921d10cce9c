import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Unavailable } from '../errors/domain-error';
import { sendProblem } from '../errors/problem.filter';

/**
 * How many API requests run at once, how many more may wait for a turn, and for how long
 * (docs/reliability.md "Overload on the embedded database").
 */
export interface AdmissionLimits {
  readonly maxActive: number;
  readonly queueLength: number;
  readonly maxWaitMs: number;
}

/** What a refused request is told to wait before it tries again. */
const RETRY_AFTER_SECONDS = 1;

interface Waiter {
  readonly admit: () => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * A bounded admission queue in front of the API (`/api/v1/…`): at most `maxActive` requests are
 * served at once, up to `queueLength` more wait in arrival order, and a request that finds the
 * queue full, or waits longer than `maxWaitMs`, is answered 503 `UNAVAILABLE` with `Retry-After`
 * before its body is read or any handler runs, so it changed nothing. Health checks, the API
 * document and the web app's files never wait here.
 *
 * For the embedded database (PGlite): it has one connection, which every request shares, so
 * requests beyond what it can serve would otherwise pile up in memory without bound and be
 * answered only after the client has given up.
 */
export function admitApiRequests(
  fastify: FastifyInstance,
  limits: AdmissionLimits,
  prefix: string,
): void {
  let active = 0;
  const queue: Waiter[] = [];

  const next = (): void => {
    const waiter = queue.shift();
    if (!waiter) {
      active--;
      return;
    }
    clearTimeout(waiter.timer);
    waiter.admit();
  };

  /** The slot is given back once, when the answer is sent or the client goes away. */
  const holdSlot = (request: FastifyRequest, reply: FastifyReply): void => {
    let held = true;
    const release = (): void => {
      if (!held) return;
      held = false;
      next();
    };
    (request as AdmittedRequest)[RELEASE] = release;
    reply.raw.once('close', release);
    // A client already gone emits no more `close`: the slot must not wait for it.
    if (request.raw.socket?.destroyed) setImmediate(release);
  };

  const refuse = (request: FastifyRequest, reply: FastifyReply, why: string): void => {
    sendProblem(
      new Unavailable(`The server is busy (${why}); retry shortly`, RETRY_AFTER_SECONDS),
      request,
      reply,
    );
  };

  fastify.addHook('onRequest', (request, reply, done) => {
    if (!request.url.startsWith(prefix)) {
      done();
      return;
    }
    if (active < limits.maxActive) {
      active++;
      holdSlot(request, reply);
      done();
      return;
    }
    if (queue.length >= limits.queueLength) {
      refuse(request, reply, `${queue.length} requests already waiting`);
      return;
    }
    let waiting = true;
    // Admitted later from another request's release: carry this request's own context
    // (request id, logs) into the rest of its handling.
    const proceed = AsyncResource.bind(done);
    const waiter: Waiter = {
      // The slot passes from the request that finished to this one: `active` stays the same.
      admit: () => {
        waiting = false;
        holdSlot(request, reply);
        // Not inside the finished request's own hook or event: on the next turn of the loop.
        setImmediate(proceed);
      },
      timer: setTimeout(() => {
        leave();
        refuse(request, reply, `waited ${limits.maxWaitMs} ms for a turn`);
      }, limits.maxWaitMs),
    };
    const leave = (): void => {
      if (!waiting) return;
      waiting = false;
      clearTimeout(waiter.timer);
      const at = queue.indexOf(waiter);
      if (at >= 0) queue.splice(at, 1);
    };
    // A client that hangs up while waiting gives its place back.
    reply.raw.once('close', leave);
    queue.push(waiter);
  });
  // Fastify's inject (the test suite) may not emit `close` on its response: release here too.
  fastify.addHook('onResponse', (request, _reply, done) => {
    (request as AdmittedRequest)[RELEASE]?.();
    done();
  });
}

const RELEASE = Symbol('admission.release');

type AdmittedRequest = FastifyRequest & { [RELEASE]?: () => void };
