import { download, http, JsonResponse, uploadFile } from './http';

/** A logged-in person using the API, as the demo's operators, investigators and supervisors. */
export class ApiClient {
  private constructor(
    readonly base: string,
    readonly username: string,
    private readonly token: string,
  ) {}

  static async login(base: string, username: string, password: string): Promise<ApiClient> {
    const res = await http<{ accessToken: string }>(base, 'POST', '/api/auth/login', {
      username,
      password,
    });
    if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}`);
    return new ApiClient(base, username, res.body.accessToken);
  }

  async call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<JsonResponse<T>> {
    return http<T>(this.base, method, path, body, {
      authorization: `Bearer ${this.token}`,
      ...headers,
    });
  }

  /** Sends one file (multipart/form-data, field `file`) to `path`. */
  async upload<T>(path: string, bytes: Uint8Array, filename: string): Promise<JsonResponse<T>> {
    return uploadFile<T>(this.base, path, bytes, filename, {
      authorization: `Bearer ${this.token}`,
    });
  }

  /** The raw bytes `path` answers (a download). */
  async download(path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    return download(this.base, path, { authorization: `Bearer ${this.token}` });
  }

  /** Like call, but any status other than `expected` is an error naming the route. */
  async must<T>(
    method: string,
    path: string,
    body?: unknown,
    expected: number[] = [200, 201, 202],
    headers: Record<string, string> = {},
  ): Promise<JsonResponse<T>> {
    const res = await this.call<T>(method, path, body, headers);
    if (!expected.includes(res.status)) {
      throw new Error(
        `${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`,
      );
    }
    return res;
  }
}

let seq = 0;

/**
 * Logs in as the stack's first admin and creates a user of `role` (unique name), returning a
 * client logged in as that user.
 */
export async function userWithRole(
  base: string,
  role: 'operator' | 'investigator' | 'supervisor' | 'admin',
  name = `${role}${++seq}-${process.pid}`,
): Promise<ApiClient> {
  const admin = await ApiClient.login(
    base,
    process.env.ADMIN_USERNAME || 'admin',
    process.env.ADMIN_PASSWORD || 'tiptrace-dev-admin',
  );
  const password = 'test-password-123';
  await admin.must('POST', '/api/users', { username: name, password, role }, [201]);
  return ApiClient.login(base, name, password);
}
