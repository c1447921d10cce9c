import { randomInt } from 'node:crypto';
import type { TestApp } from './test-app';

export interface WebResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any;
  text: string;
}

/**
 * A browser's side of a web session (docs/security.md "Web sessions"): keeps the cookies the API
 * sets and sends them back, with the CSRF cookie's value in X-CSRF-Token unless told not to.
 */
export class WebSessionClient {
  cookies = new Map<string, string>();

  constructor(private readonly t: TestApp) {}

  async send(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options: { body?: unknown; headers?: Record<string, string>; csrf?: boolean } = {},
  ): Promise<WebResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const csrf = this.cookies.get('contour_csrf');
    if ((options.csrf ?? true) && csrf !== undefined) headers['x-csrf-token'] = csrf;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      payload: options.body === undefined ? undefined : JSON.stringify(options.body),
      // An address of its own per request: sign-ins here never reach the per-address limit.
      remoteAddress: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
    });
    for (const line of setCookieLines(res.headers)) {
      const [pair = ''] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(pair.indexOf('=') + 1));
    }
    const text = res.body;
    return {
      status: res.statusCode,
      headers: res.headers,
      text,
      body: text.length > 0 && /json/.test(String(res.headers['content-type'])) ? res.json() : text,
    };
  }

  signIn(email: string, password: string, headers: Record<string, string> = {}) {
    return this.send('POST', '/auth/session', { body: { email, password }, headers });
  }
}

export function setCookieLines(headers: WebResponse['headers']): string[] {
  const value = headers['set-cookie'];
  return value === undefined ? [] : Array.isArray(value) ? value : [String(value)];
}
