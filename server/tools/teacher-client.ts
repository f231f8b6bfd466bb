// A teacher's account from a program: signs up (or in) over HTTP and creates class rooms the one way
// they are created, POST /api/teacher/rooms. The load harness, the bots and the tests use it.
import type { TeacherRoomRequest, TeacherRoomResponse } from '../http/teacher-routes.ts';

/** A signed-in teacher talking to one server. */
export class TeacherClient {
  private constructor(
    readonly base: string,
    private readonly cookie: string,
    readonly email: string,
  ) {}

  /** Signs up a fresh teacher (a random address under school.example) on the server at `base` (http://host:port). */
  static async signUp(
    base: string,
    displayName = 'Teacher',
    password = 'correct horse battery',
  ): Promise<TeacherClient> {
    const email = `teacher-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}@school.example`;
    // Sign-up answers the same for every email (202, no session): the account signs in next.
    const res = await fetch(`${base}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, displayName }),
    });
    if (res.status !== 202) throw new Error(`/api/auth/signup: ${res.status} ${await res.text()}`);
    return TeacherClient.signIn(base, email, password);
  }

  /** Signs in an existing teacher. */
  static async signIn(base: string, email: string, password: string): Promise<TeacherClient> {
    return TeacherClient.open(base, '/api/auth/signin', { email, password }, 200);
  }

  private static async open(
    base: string,
    path: string,
    body: Record<string, string>,
    expected: number,
  ): Promise<TeacherClient> {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== expected) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((line) => line.split(';')[0]!)
      .find((pair) => !pair.endsWith('='));
    if (!cookie) throw new Error(`${path}: no session cookie in the answer`);
    return new TeacherClient(base, cookie, body.email!);
  }

  /** Sends a request with the teacher's session cookie. */
  request(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.base}${path}`, {
      method,
      headers: { cookie: this.cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** Creates a class room; throws with the server's answer unless it is 201. */
  async createRoom(body: TeacherRoomRequest = {}): Promise<TeacherRoomResponse> {
    const res = await this.request('POST', '/api/teacher/rooms', body);
    if (res.status !== 201) throw new Error(`create room: ${res.status} ${await res.text()}`);
    return (await res.json()) as TeacherRoomResponse;
  }
}
