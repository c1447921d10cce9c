import { Inject, Injectable } from '@nestjs/common';
import { parse, serialize, type SerializeOptions } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { trustedClinicId, type ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import { APP_CONFIG, type AppConfig } from '../../../common/config/app-config';
import type { Db } from '../../../common/database/database';
import { CsrfFailed, Unauthenticated } from '../../../common/errors/domain-error';
import type { UserRow } from '../../user';
import { WebSessionRepository, type SessionLimits } from '../repositories/web-session.repository';

/** The session cookie: httpOnly, so no script of the page can read it. */
export const SESSION_COOKIE = 'contour_session';
/** The CSRF token, readable by the page's own scripts, which send it back in `X-CSRF-Token`. */
export const CSRF_COOKIE = 'contour_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** Only the API needs the session; the page needs to read the CSRF cookie, hence `/` for it. */
const SESSION_COOKIE_PATH = '/api';
const CSRF_COOKIE_PATH = '/';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A cookie session the guard let through: its id (from the cookie) and its row's facts. */
export interface WebSession {
  readonly id: string;
  readonly clinicId: ClinicId;
  readonly userId: string;
  readonly generation: number;
}

/**
 * The web app's sign-in by cookie (docs/security.md "Web sessions"): a random session id in an
 * httpOnly, SameSite=Strict cookie (Secure over HTTPS), ended on the server by sign-out, by
 * `SESSION_IDLE_TIMEOUT_MINUTES` without a request, by the token lifetime, or by a password
 * change or reset; and a signed double-submit CSRF token for every write.
 */
@Injectable()
export class WebSessionService {
  private readonly csrfKey: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: WebSessionRepository,
    private readonly clock: Clock,
  ) {
    this.csrfKey = createHash('sha256').update(`contour-csrf:${config.jwt.secret}`).digest();
  }

  get idleTimeoutSeconds(): number {
    return this.config.session.idleTimeoutSeconds;
  }

  /** The session id in the request's cookie, if any. */
  cookieSessionId(request: FastifyRequest): string | undefined {
    const header = request.headers.cookie;
    if (header === undefined) return undefined;
    const id = parse(header)[SESSION_COOKIE];
    return id !== undefined && /^[\w-]{43}$/.test(id) ? id : undefined;
  }

  /** Starts a session for a user who just proved their password, and sets its cookies. */
  async start(db: Db, user: UserRow, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const now = this.clock.now();
    const limits = this.limits(now);
    const clinicId = trustedClinicId(user.clinicId);
    await this.sessions.deleteDead(db, clinicId, user.id, user.sessionGeneration, limits);
    const id = randomBytes(32).toString('base64url');
    await this.sessions.insert(db, {
      idHash: hashOf(id),
      clinicId,
      userId: user.id,
      generation: user.sessionGeneration,
      createdAt: now,
      lastSeenAt: now,
    });
    this.setCookies(request, reply, id);
  }

  /**
   * The request's live session, its idle clock restarted. A write must carry the CSRF token
   * (403, before the session is even looked up, so a refused write does not count as activity).
   * A session that has ended is a 401, and its cookies are cleared.
   */
  async authenticate(
    db: Db,
    id: string,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<WebSession> {
    if (!SAFE_METHODS.has(request.method) && !this.csrfMatches(id, request.headers[CSRF_HEADER])) {
      throw new CsrfFailed();
    }
    const row = await this.sessions.touch(db, hashOf(id), this.limits(this.clock.now()));
    if (row === undefined) {
      this.clearCookies(request, reply);
      throw new Unauthenticated('The session has ended: sign in again');
    }
    return {
      id,
      clinicId: trustedClinicId(row.clinicId),
      userId: row.userId,
      generation: row.generation,
    };
  }

  /** Sign-out: the session stops working at once, whichever tab or copy of the cookie asks. */
  async end(db: Db, id: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.sessions.end(db, hashOf(id), this.clock.now());
    this.clearCookies(request, reply);
  }

  /** The session goes on under the user's new generation (after its own password change). */
  async follow(db: Db, id: string, generation: number): Promise<void> {
    await this.sessions.setGeneration(db, hashOf(id), generation);
  }

  /** A session refused after it was found (user gone, password changed): its cookies go too. */
  clearCookies(request: FastifyRequest, reply: FastifyReply): void {
    const secure = isHttps(request);
    void reply.header('set-cookie', [
      serialize(SESSION_COOKIE, '', { ...sessionCookie(secure), maxAge: 0 }),
      serialize(CSRF_COOKIE, '', { ...csrfCookie(secure), maxAge: 0 }),
    ]);
  }

  private setCookies(request: FastifyRequest, reply: FastifyReply, id: string): void {
    const secure = isHttps(request);
    void reply.header('set-cookie', [
      serialize(SESSION_COOKIE, id, sessionCookie(secure)),
      serialize(CSRF_COOKIE, this.csrfToken(id), csrfCookie(secure)),
    ]);
  }

  /** HMAC of the session id: valid for this session only, and not forgeable without the secret. */
  private csrfToken(id: string): string {
    return createHmac('sha256', this.csrfKey).update(id).digest('base64url');
  }

  private csrfMatches(id: string, header: string | string[] | undefined): boolean {
    if (typeof header !== 'string') return false;
    const expected = Buffer.from(this.csrfToken(id));
    const given = Buffer.from(header);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private limits(now: Date): SessionLimits {
    return {
      now,
      idleSince: new Date(now.getTime() - this.config.session.idleTimeoutSeconds * 1000),
      bornBefore: new Date(now.getTime() - this.config.jwt.ttlSeconds * 1000),
    };
  }
}

function hashOf(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/**
 * Over HTTPS the cookies are Secure. Fastify's `request.protocol` is the connection's, or the
 * `X-Forwarded-Proto` of a proxy that TRUST_PROXY trusts (a TLS-terminating load balancer).
 */
function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/** No Max-Age: a browser session cookie, gone when the browser closes. */
function sessionCookie(secure: boolean): SerializeOptions {
  return { httpOnly: true, sameSite: 'strict', path: SESSION_COOKIE_PATH, secure };
}

function csrfCookie(secure: boolean): SerializeOptions {
  return { httpOnly: false, sameSite: 'strict', path: CSRF_COOKIE_PATH, secure };
}
