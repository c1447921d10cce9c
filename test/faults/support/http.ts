/** A fetch-based client for a server run as a process: the base URL can change between restarts. */
export interface HttpResponse {
  status: number;
  body: any;
  headers: Headers;
  text: string;
}

export type BaseUrl = () => string;

export class Http {
  constructor(
    private readonly baseUrl: BaseUrl,
    private readonly token?: string,
    private readonly timeoutMs = 30_000,
  ) {}

  withToken(token: string): Http {
    return new Http(this.baseUrl, token, this.timeoutMs);
  }

  get(url: string): Promise<HttpResponse> {
    return this.request('GET', url);
  }

  post(url: string, body: unknown = {}): Promise<HttpResponse> {
    return this.request('POST', url, body);
  }

  put(url: string, body: unknown): Promise<HttpResponse> {
    return this.request('PUT', url, body);
  }

  /** Throws on a network failure (refused, reset, timeout); any HTTP answer is returned. */
  async request(
    method: string,
    url: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl()}${prefixed(url)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    if (/json/.test(res.headers.get('content-type') ?? '') && text.length > 0) {
      parsed = JSON.parse(text);
    }
    return { status: res.status, body: parsed, headers: res.headers, text };
  }
}

function prefixed(url: string): string {
  return url.startsWith('/health') || url.startsWith('/api/') ? url : `/api/v1${url}`;
}

export function expectStatus(what: string, res: HttpResponse, status: number): any {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.body;
}
