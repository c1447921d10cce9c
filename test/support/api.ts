import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** HTTP in through Fastify's inject: the whole stack (guards, pipes, filters) without a socket. */
export class Api {
  constructor(
    private readonly app: NestFastifyApplication,
    private readonly token?: string,
  ) {}

  withToken(token: string): Api {
    return new Api(this.app, token);
  }

  get<T = any>(url: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request('GET', url, undefined, headers);
  }

  post<T = any>(
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    return this.request('POST', url, body, headers);
  }

  patch<T = any>(
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    return this.request('PATCH', url, body, headers);
  }

  put<T = any>(
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    return this.request('PUT', url, body, headers);
  }

  async request<T = any>(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const allHeaders: Record<string, string> = { ...headers };
    if (this.token) allHeaders.authorization = `Bearer ${this.token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      allHeaders['content-type'] ??= 'application/json';
    }
    const res = await this.app.inject({ method, url: prefixed(url), headers: allHeaders, payload });
    const text = res.body;
    let parsed: unknown = text;
    if (/json/.test(String(res.headers['content-type'] ?? '')) && text.length > 0)
      parsed = JSON.parse(text);
    return { status: res.statusCode, body: parsed as T, headers: res.headers, text };
  }
}

function prefixed(url: string): string {
  return url.startsWith('/health') || url.startsWith('/api/') ? url : `/api/v1${url}`;
}
