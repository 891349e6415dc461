import { ApiClient, http } from '@tools/stack';

const PASSWORD = 'bench-password-2024';

export type Role = 'operator' | 'investigator' | 'supervisor';

/** Creates `count` users of `role` through the first admin; returns their bearer headers. */
export async function bearers(base: string, role: Role, count: number): Promise<string[]> {
  const admin = await ApiClient.login(
    base,
    process.env.ADMIN_USERNAME || 'admin',
    process.env.ADMIN_PASSWORD || 'tiptrace-dev-admin',
  );
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const username = `bench.${role}${i}`;
    await admin.must('POST', '/api/users', { username, password: PASSWORD, role }, [201, 409]);
    const res = await http<{ accessToken: string }>(base, 'POST', '/api/auth/login', {
      username,
      password: PASSWORD,
    });
    if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}`);
    out.push(`Bearer ${res.body.accessToken}`);
  }
  return out;
}
