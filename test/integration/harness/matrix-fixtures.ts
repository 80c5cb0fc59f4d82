import request from 'supertest';
import type { Role } from '../../../workflows/common/actors';
import { type Fixtures, WHO, type Who } from '../access-matrix';
import { eventually, type RunningStack } from './app-harness';
import { createAgency, createUser, signedIn } from './identity';

/**
 * What a walk over every endpoint needs: one signed-in user per column of the access matrix
 * (a clerk of the fixture agency and one of another), a registered case of that agency, a
 * user to administer, a session the matrix's secretary plans and its member sits on (a day
 * ahead, so nothing in a walk can hold it), and a complaint the clerk files about the case.
 */
export async function matrixFixtures(
  stack: RunningStack,
  label: string,
): Promise<{ auth: Map<Who, string | undefined>; fixtures: Fixtures }> {
  const own = await createAgency(stack.dataSource, `${label} agency`);
  const other = await createAgency(stack.dataSource, `${label} other agency`);
  const auth = new Map<Who, string | undefined>([['anonymous', undefined]]);
  const userIds = new Map<Who, string>();
  for (const who of WHO) {
    if (who === 'anonymous') continue;
    const role: Role = who === 'CLERK_OTHER' ? 'CLERK' : who;
    const agency = who === 'CLERK' ? own : who === 'CLERK_OTHER' ? other : undefined;
    const user = await signedIn(stack.baseUrl, stack.dataSource, [role], agency);
    auth.set(who, user.auth);
    userIds.set(who, user.id);
  }
  const registered = await request(stack.baseUrl)
    .post('/cases')
    .set('authorization', auth.get('CLERK')!)
    .send({
      requestType: 'SCRAP',
      justification: `خودروی فرسوده برای ${label}`,
      vehicles: [{ plate: '12ب345-15', usageClass: 'SEDAN', modelYear: 1385 }],
    })
    .expect(201);
  const session = await request(stack.baseUrl)
    .post('/sessions')
    .set('authorization', auth.get('SECRETARY')!)
    .send({
      sessionAt: new Date(Date.now() + 86_400_000).toISOString(),
      place: `سالن جلسات ${label}`,
      members: [
        { userId: userIds.get('SECRETARY'), role: 'SECRETARY' },
        { userId: userIds.get('MEMBER'), role: 'MEMBER' },
      ],
    })
    .expect(201);
  const complaint = await request(stack.baseUrl)
    .post('/complaints')
    .set('authorization', auth.get('CLERK')!)
    .send({
      kind: 'COMPLAINT',
      caseId: registered.body.id,
      subject: `شکایت ${label}`,
      text: `پیگیری درخواست ${label} بیش از موعد طول کشیده است`,
    })
    .expect(201);
  // The read models are written by their workflows: wait for the rows.
  for (const [table, id] of [
    ['cases', registered.body.id],
    ['sessions', session.body.sessionId],
    ['complaints', complaint.body.id],
  ] as const) {
    await eventually(async () => {
      const rows = await stack.dataSource.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
      return rows.length === 1 ? true : undefined;
    });
  }
  const victim = await createUser(stack.dataSource, ['REVIEWER']);
  return {
    auth,
    fixtures: {
      caseId: registered.body.id,
      agencyId: own,
      userId: victim.id,
      trackingCode: registered.body.trackingCode,
      sessionId: session.body.sessionId,
      complaintId: complaint.body.id,
      complaintTrackingCode: complaint.body.trackingCode,
    },
  };
}
