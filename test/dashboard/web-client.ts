// A tiny browser stand-in for the dashboard API tests: fetch with a cookie jar and the page's Origin.

/** One browser: remembers the cookies the server sets, by name and path, and sends those whose path covers the request (longest path first, as browsers do). */
export class WebClient {
  private readonly jar = new Map<string, { name: string; path: string; value: string }>();

  constructor(readonly base: string) {}

  /** Sends a request (a JSON body when given) and keeps any cookie the answer sets. */
  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const cookie = [...this.jar.values()]
      .filter((c) => path.startsWith(c.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const res = await fetch(this.base + path, {
      method,
      headers: {
        origin: this.base,
        ...(cookie ? { cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const cookiePath = /;\s*path=([^;]*)/i.exec(line)?.[1]?.trim() || '/';
      const key = `${name};${cookiePath}`;
      if (value === '' || /max-age=0/i.test(line)) this.jar.delete(key);
      else this.jar.set(key, { name, path: cookiePath, value });
    }
    return res;
  }

  /** GET and parse JSON, with the status. */
  async get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await this.request('GET', path);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** POST JSON and parse the JSON answer (if any), with the status. */
  async post(
    path: string,
    body: unknown = {},
  ): Promise<{ status: number; body: Record<string, unknown>; res: Response }> {
    const res = await this.request('POST', path, body);
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, res };
  }

  /** Signs up a fresh teacher with this name. */
  async signUp(name: string): Promise<Record<string, unknown>> {
    const email = `${name}-${Math.random().toString(36).slice(2, 8)}@school.example`;
    const up = await this.post('/api/auth/signup', {
      email,
      password: 'correct horse battery',
      displayName: name,
    });
    if (up.status !== 202) throw new Error(`sign-up failed: ${up.status} ${JSON.stringify(up.body)}`);
    // Sign-up answers the same for every email and signs no one in: the account signs in next.
    const r = await this.post('/api/auth/signin', { email, password: 'correct horse battery' });
    if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.teacher as Record<string, unknown>;
  }

  /** Plants a cookie as another page of the same site could (cookie tossing). */
  plant(name: string, value: string, cookiePath: string): void {
    this.jar.set(`${name};${cookiePath}`, { name, path: cookiePath, value });
  }

  /** The value of a cookie the server set (any path). */
  cookie(name: string): string | undefined {
    return [...this.jar.values()].find((c) => c.name === name)?.value;
  }

  /** Forgets every cookie (a new browser profile). */
  forget(): void {
    this.jar.clear();
  }
}
