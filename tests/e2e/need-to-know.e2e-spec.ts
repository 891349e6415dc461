import { Client } from 'pg';
import { ApiClient, ProcessStack, userWithRole, waitFor } from '@tools/stack';
import { newTip, testStack, TestStack } from '@app/testing';

interface Page {
  items: { id: string }[];
}

/**
 * Need-to-know, enforced by the API whatever a client shows: an operator reads the tips it took
 * and the tips waiting for review, nothing else; the thread with a tipster is for the investigator
 * holding the tip's lead, the case's assignee and supervisors; a supervisor assigns cases.
 */
describe('need-to-know', () => {
  let stack: ProcessStack;
  let t: TestStack | undefined;
  let opA: ApiClient;
  let opB: ApiClient;
  let holder: ApiClient;
  let other: ApiClient;
  let sup: ApiClient;
  let db: Client;
  let mine: string;
  let held: string;

  const idOf = async (c: ApiClient) =>
    (await c.must<{ id: string }>('GET', '/api/users/me')).body.id;
  const stage = async (id: string) =>
    (await db.query<{ stage: string }>(`SELECT stage FROM tips WHERE id = $1`, [id])).rows[0]
      ?.stage;

  beforeAll(async () => {
    t = await testStack('need_to_know', (s) => s.startAll(), { env: { JOB_BACKOFF_MS: '100' } });
    ({ stack, db } = t);
    [opA, opB, holder, other, sup] = await Promise.all([
      userWithRole(stack.baseUrl, 'operator'),
      userWithRole(stack.baseUrl, 'operator'),
      userWithRole(stack.baseUrl, 'investigator'),
      userWithRole(stack.baseUrl, 'investigator'),
      userWithRole(stack.baseUrl, 'supervisor'),
    ]);
    mine = (
      await opA.must<{ id: string }>(
        'POST',
        '/api/tips',
        newTip({ ward: 'Phường 16', category: 'drugs' }),
        [202],
      )
    ).body.id;
    held = (
      await opA.must<{ id: string }>(
        'POST',
        '/api/tips',
        newTip({ ward: 'Phường 2', description: 'hình như có chuyện gì đó' }),
        [202],
      )
    ).body.id;
    await waitFor(
      async () =>
        ((await stage(mine)) === 'lead_open' && (await stage(held)) === 'needs_review') ||
        undefined,
      20_000,
    );
  });

  afterAll(() => t?.cleanup());

  it('lets an operator read the tips it took and those waiting for review, and no other', async () => {
    expect((await opA.call('GET', `/api/tips/${mine}`)).status).toBe(200);
    expect((await opB.call('GET', `/api/tips/${mine}`)).status).toBe(404);
    expect((await opB.call('GET', `/api/tips/${held}`)).status).toBe(200);
    const listA = await opA.must<Page>('GET', '/api/tips?limit=100');
    expect(listA.body.items.map((t) => t.id).sort()).toEqual([mine, held].sort());
    const listB = await opB.must<Page>('GET', '/api/tips?limit=100');
    expect(listB.body.items.map((t) => t.id)).toEqual([held]);
    // Investigators and supervisors are not narrowed.
    expect((await other.call('GET', `/api/tips/${mine}`)).status).toBe(200);
    expect((await sup.must<Page>('GET', '/api/tips?limit=100')).body.items).toHaveLength(2);
  });

  it('keeps the thread with a tipster to the lead’s holder and supervisors', async () => {
    const lead = await holder.must<{ id: string; tipIds: string[] }>('POST', '/api/leads/claim', {
      wards: ['Phường 16'],
    });
    expect(lead.body.tipIds).toEqual([mine]);
    const body = { body: 'Xin anh/chị cho biết thêm giờ giấc?' };
    expect((await other.call('POST', `/api/tips/${mine}/messages`, body)).status).toBe(403);
    expect((await other.call('GET', `/api/tips/${mine}/messages`)).status).toBe(403);
    expect((await opA.call('GET', `/api/tips/${mine}/messages`)).status).toBe(403);
    expect((await holder.call('POST', `/api/tips/${mine}/messages`, body)).status).toBe(201);
    expect((await sup.must<unknown[]>('GET', `/api/tips/${mine}/messages`)).body).toHaveLength(1);
    expect(
      (await other.call('GET', '/api/tips/00000000-0000-4000-8000-000000000000/messages')).status,
    ).toBe(404);

    // Linked to a new case, the holder becomes its assignee: still in the thread.
    const linked = await holder.must<{ case: { id: string; assigneeId: string } }>(
      'POST',
      `/api/leads/${lead.body.id}/link`,
      {
        newCase: {
          title: 'Mua bán ma túy tại Phường 16',
          kind: 'criminal',
          category: 'drugs',
          severity: 'serious',
          ward: 'Phường 16',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        },
      },
    );
    const caseId = linked.body.case.id;
    expect(linked.body.case.assigneeId).toBe(await idOf(holder));
    await waitFor(async () => ((await stage(mine)) === 'linked' ? true : undefined), 10_000);
    expect((await holder.call('GET', `/api/tips/${mine}/messages`)).status).toBe(200);

    // A supervisor reassigns the case: the thread follows the case's new assignee.
    const assign = (who: ApiClient, userId: string) =>
      who.call<{ assigneeId: string; errors?: Record<string, string[]> }>(
        'POST',
        `/api/cases/${caseId}/assign`,
        { userId },
      );
    const otherId = await idOf(other);
    expect((await assign(holder, otherId)).status).toBe(403);
    expect((await assign(opA, otherId)).status).toBe(403);
    const notInvestigator = await assign(sup, await idOf(opB));
    expect(notInvestigator.status).toBe(400);
    expect(Object.keys(notInvestigator.body.errors!)).toEqual(['userId']);
    expect((await assign(sup, 'not-a-uuid')).status).toBe(400);
    expect(
      (
        await sup.call('POST', '/api/cases/00000000-0000-4000-8000-000000000000/assign', {
          userId: otherId,
        })
      ).status,
    ).toBe(404);
    const done = await assign(sup, otherId);
    expect(done.status).toBe(200);
    expect(done.body.assigneeId).toBe(otherId);
    expect((await other.call('GET', `/api/tips/${mine}/messages`)).status).toBe(200);
    expect((await holder.call('GET', `/api/tips/${mine}/messages`)).status).toBe(403);
    const events = await db.query(
      `SELECT type, actor, detail->>'assigneeId' AS assignee FROM case_events
       WHERE case_id = $1 AND type = 'case_assigned'`,
      [caseId],
    );
    expect(events.rows).toEqual([
      { type: 'case_assigned', actor: sup.username, assignee: otherId },
    ]);
  });
});
