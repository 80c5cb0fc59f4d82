import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { CaseRecordEntity } from '../../src/cases/entities/case-record.entity';
import { CalendarService } from '../../src/reference/calendar/calendar.service';
import type { CaseStage, RequestType, VehicleInput } from '../../workflows/case/case.types';
import { eventually, RunningStack, startStack } from './harness/app-harness';
import { createAgency, signedIn, type TestUser } from './harness/identity';

type Caller = TestUser & { auth: string };

/**
 * Reference data through the real API and PostgreSQL: worn-out ages, official holidays,
 * calendar closures and document checklists (read by everyone signed in, changed by
 * administrators only), and an agency's
 * retired-versus-bought vehicle balance. Other test files share the database: every change made
 * here is undone before the file ends.
 */
describe('reference data: worn-out ages, calendar, checklists, vehicle balance', () => {
  let stack: RunningStack;
  let admin: Caller;
  let reviewer: Caller;
  let member: Caller;
  const api = () => request(stack.baseUrl);

  beforeAll(async () => {
    stack = await startStack();
    admin = await signedIn(stack.baseUrl, stack.dataSource, ['ADMINISTRATOR']);
    reviewer = await signedIn(stack.baseUrl, stack.dataSource, ['REVIEWER']);
    member = await signedIn(stack.baseUrl, stack.dataSource, ['MEMBER']);
  });
  afterAll(async () => {
    await stack?.close();
  });

  describe('worn-out ages', () => {
    let seededSedan: { years: number; source: string };

    beforeAll(async () => {
      const res = await api()
        .get('/reference/worn-out-ages')
        .set('authorization', reviewer.auth)
        .expect(200);
      seededSedan = res.body.find((a: { usageClass: string }) => a.usageClass === 'SEDAN');
    });
    afterAll(async () => {
      // Put the seeded figure back: other files read the same table.
      await api()
        .put('/reference/worn-out-ages/SEDAN')
        .set('authorization', admin.auth)
        .send({ years: seededSedan.years, source: seededSedan.source })
        .expect(200);
    });

    it('lists every usage class with the seeded figures of the 1387 decision', async () => {
      const res = await api()
        .get('/reference/worn-out-ages')
        .set('authorization', member.auth)
        .expect(200);
      const byClass = Object.fromEntries(
        (res.body as { usageClass: string; years: number }[]).map((a) => [a.usageClass, a]),
      );
      expect(Object.keys(byClass)).toEqual([
        'SEDAN',
        'PICKUP',
        'MINIBUS',
        'BUS',
        'TRUCK',
        'MOTORCYCLE',
        'VAN',
        'OTHER',
      ]);
      expect(
        Object.fromEntries(Object.entries(byClass).map(([k, v]) => [k, v.years])),
      ).toMatchObject({
        PICKUP: 15,
        MINIBUS: 15,
        BUS: 15,
        TRUCK: 25,
        MOTORCYCLE: 10,
        VAN: 15,
        OTHER: 15,
      });
      expect(byClass.BUS).toMatchObject({ source: expect.stringContaining('10 or 15') });
      // The first sources cite the project's own domain rules, not a document a clone lacks.
      expect(byClass.SEDAN).toMatchObject({
        source: expect.stringContaining('(docs/domain.md §5.3)'),
      });
      expect(byClass.VAN).toMatchObject({ source: 'assumed — verify', updatedBy: null });
      expect(byClass.TRUCK).toMatchObject({
        updatedAt: expect.any(String),
        updatedAtJalali: expect.stringMatching(/^1[34]\d\d\/\d\d\/\d\d \d\d:\d\d$/),
      });
    });

    it('lets an administrator change one (Persian digits accepted), recorded with who and in the audit log', async () => {
      const res = await api()
        .put('/reference/worn-out-ages/SEDAN')
        .set('authorization', admin.auth)
        .send({ years: '۱۶', source: 'آزمون: اصلاحیه فرضي' })
        .expect(200);
      expect(res.body).toMatchObject({
        usageClass: 'SEDAN',
        years: 16,
        source: 'آزمون: اصلاحیه فرضی',
        updatedBy: admin.id,
      });
      // Without a source, the source stays.
      const again = await api()
        .put('/reference/worn-out-ages/SEDAN')
        .set('authorization', admin.auth)
        .send({ years: 17 })
        .expect(200);
      expect(again.body).toMatchObject({ years: 17, source: 'آزمون: اصلاحیه فرضی' });
      const read = await api()
        .get('/reference/worn-out-ages')
        .set('authorization', reviewer.auth)
        .expect(200);
      expect(read.body[0]).toMatchObject({ usageClass: 'SEDAN', years: 17 });
      const audit = await eventually(async () => {
        const rows: { outcome: string }[] = await stack.dataSource.query(
          `SELECT outcome FROM audit_log
            WHERE action = 'reference.worn-out-age.update' AND resource_type = 'reference'
              AND resource_id = 'SEDAN' AND actor_user_id = $1`,
          [admin.id],
        );
        return rows.length >= 2 ? rows : undefined;
      });
      expect(audit.map((r) => r.outcome)).toEqual(['success', 'success']);
    });

    it('refuses everyone but administrators, and changes nothing', async () => {
      for (const who of [reviewer, member]) {
        const res = await api()
          .put('/reference/worn-out-ages/TRUCK')
          .set('authorization', who.auth)
          .send({ years: 30 })
          .expect(403);
        expect(res.body.code).toBe('ACCESS.FORBIDDEN');
      }
      await api().put('/reference/worn-out-ages/TRUCK').send({ years: 30 }).expect(401);
      const read = await api()
        .get('/reference/worn-out-ages')
        .set('authorization', reviewer.auth)
        .expect(200);
      expect(read.body.find((a: { usageClass: string }) => a.usageClass === 'TRUCK').years).toBe(
        25,
      );
    });

    it('answers bad input with 400 naming the field', async () => {
      const probes: [path: string, body: unknown, field: string][] = [
        ['SEDAN', { years: 0 }, 'years'],
        ['SEDAN', { years: 61 }, 'years'],
        ['SEDAN', { years: 1.5 }, 'years'],
        ['SEDAN', { years: 'fifteen' }, 'years'],
        ['SEDAN', {}, 'years'],
        ['SEDAN', { years: 15, source: 'x' }, 'source'],
        ['SEDAN', { years: 15, source: 15 }, 'source'],
        ['SEDAN', { years: 15, note: 'unknown' }, 'note'],
        ['SPACESHIP', { years: 15 }, 'usageClass'],
        ['sedan', { years: 15 }, 'usageClass'],
      ];
      for (const [usageClass, body, field] of probes) {
        const res = await api()
          .put(`/reference/worn-out-ages/${usageClass}`)
          .set('authorization', admin.auth)
          .send(body as object);
        expect([usageClass, body, res.status, res.body.code]).toEqual([
          usageClass,
          body,
          400,
          'REQUEST.VALIDATION_FAILED',
        ]);
        expect(res.body.details).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              field,
              message: { fa: expect.any(String), en: expect.any(String) },
            }),
          ]),
        );
      }
    });
  });

  describe('working calendar and closures', () => {
    // Closures far from today, so that nothing else in the test run is affected by them.
    const DATE = '1410/02/10';

    afterAll(async () => {
      await stack.dataSource.query(`DELETE FROM calendar_closures WHERE date LIKE '1410/%'`);
      await stack.dataSource.query(`DELETE FROM official_holidays WHERE date LIKE '1410/%'`);
    });

    it('shows a year’s official holidays with their occasions and the Thursday setting', async () => {
      const res = await api()
        .get('/reference/calendar?year=۱۴۰۵')
        .set('authorization', member.auth)
        .expect(200);
      expect(res.body).toMatchObject({
        year: 1405,
        thursdayIsWorkingDay: stack.config.thursdayIsWorkingDay,
        holidaysKnown: true,
      });
      expect(res.body.holidays[0]).toEqual({
        date: '1405/01/01',
        gregorianDate: '2026-03-21',
        occasions: ['Eid al-Fitr', 'Nowruz'],
        hijriDates: ['1447/10/01'],
      });
      expect(res.body.holidays.every((h: { date: string }) => h.date.startsWith('1405/'))).toBe(
        true,
      );
      const dates = res.body.holidays.map((h: { date: string }) => h.date);
      expect(dates).toEqual([...new Set(dates as string[])].sort());

      const unlisted = await api()
        .get('/reference/calendar?year=1410')
        .set('authorization', member.auth)
        .expect(200);
      expect(unlisted.body).toMatchObject({ year: 1410, holidaysKnown: false, holidays: [] });

      const current = await api()
        .get('/reference/calendar')
        .set('authorization', member.auth)
        .expect(200);
      expect(current.body.year).toBe(stack.app.get(CalendarService).currentJalaliYear());
    });

    it('refuses a year that is not a whole Jalali year of 1300–1499', async () => {
      for (const year of ['abc', '1500', '1405.5', '99']) {
        const res = await api()
          .get(`/reference/calendar?year=${year}`)
          .set('authorization', member.auth)
          .expect(400);
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'year' })]);
      }
    });

    it('lets an administrator add a closure (Persian digits accepted), list it and remove it', async () => {
      const added = await api()
        .post('/reference/calendar/closures')
        .set('authorization', admin.auth)
        .send({ date: '۱۴۱۰/۰۲/۱۰', reason: 'تعطیلي به دلیل آلودگی هوا' })
        .expect(201);
      expect(added.body).toMatchObject({
        date: DATE,
        gregorianDate: '2031-04-30',
        reason: 'تعطیلی به دلیل آلودگی هوا',
        createdBy: admin.id,
        createdAtJalali: expect.stringMatching(/^1[34]\d\d\/\d\d\/\d\d \d\d:\d\d$/),
      });

      const listed = await api()
        .get('/reference/calendar?year=1410')
        .set('authorization', reviewer.auth)
        .expect(200);
      expect(listed.body.closures).toEqual([added.body]);
      // New cases take it into their working calendar through this (cases.service wires it).
      expect((await stack.app.get(CalendarService).currentDays()).closures).toContain(DATE);

      // The same day again, written another way: a conflict, not a second row.
      const duplicate = await api()
        .post('/reference/calendar/closures')
        .set('authorization', admin.auth)
        .send({ date: '1410-2-10', reason: 'دوباره' })
        .expect(409);
      expect(duplicate.body.code).toBe('REFERENCE.CLOSURE_EXISTS');

      await api()
        .delete('/reference/calendar/closures/1410-02-10')
        .set('authorization', reviewer.auth)
        .expect(403);
      await api()
        .delete('/reference/calendar/closures/1410-02-10')
        .set('authorization', admin.auth)
        .expect(204);
      const gone = await api()
        .delete(`/reference/calendar/closures/${encodeURIComponent('۱۴۱۰-۰۲-۱۰')}`)
        .set('authorization', admin.auth)
        .expect(404);
      expect(gone.body.code).toBe('REFERENCE.CLOSURE_NOT_FOUND');
      const after = await api()
        .get('/reference/calendar?year=1410')
        .set('authorization', reviewer.auth)
        .expect(200);
      expect(after.body.closures).toEqual([]);
      expect((await stack.app.get(CalendarService).currentDays()).closures).not.toContain(DATE);
    });

    it('refuses dates that do not exist, other shapes, a missing reason, and non-administrators', async () => {
      const probes: [body: object, field: string][] = [
        [{ date: '1404/12/30', reason: 'سال کبیسه نیست' }, 'date'],
        [{ date: '1410/07/31', reason: 'مهر ۳۰ روز دارد' }, 'date'],
        [{ date: '1410/13/01', reason: 'ماه ۱۳' }, 'date'],
        [{ date: '2031-04-30', reason: 'میلادی' }, 'date'],
        [{ date: 'tomorrow', reason: 'فردا' }, 'date'],
        [{ date: 14100210, reason: 'عدد' }, 'date'],
        [{ date: DATE }, 'reason'],
        [{ date: DATE, reason: '' }, 'reason'],
        [{ date: DATE, reason: 'برف', extra: true }, 'extra'],
      ];
      for (const [body, field] of probes) {
        const res = await api()
          .post('/reference/calendar/closures')
          .set('authorization', admin.auth)
          .send(body);
        expect([body, res.status, res.body.code]).toEqual([body, 400, 'REQUEST.VALIDATION_FAILED']);
        expect(res.body.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
      const badPath = await api()
        .delete('/reference/calendar/closures/1404-12-30')
        .set('authorization', admin.auth)
        .expect(400);
      expect(badPath.body.details).toEqual([expect.objectContaining({ field: 'date' })]);
      for (const who of [reviewer, member]) {
        await api()
          .post('/reference/calendar/closures')
          .set('authorization', who.auth)
          .send({ date: DATE, reason: 'برف' })
          .expect(403);
      }
      const rows: unknown[] = await stack.dataSource.query(
        `SELECT 1 FROM calendar_closures WHERE date LIKE '1410/%'`,
      );
      expect(rows).toEqual([]);
    });
  });

  describe('official holidays', () => {
    afterAll(async () => {
      await stack.dataSource.query(`DELETE FROM official_holidays WHERE date LIKE '1411/%'`);
    });

    it('lets an administrator enter a year’s holidays (several occasions a day) and remove a day', async () => {
      const empty = await api()
        .get('/reference/calendar?year=1411')
        .set('authorization', reviewer.auth)
        .expect(200);
      expect(empty.body).toMatchObject({ holidaysKnown: false, holidays: [] });

      const nowruz = await api()
        .post('/reference/calendar/holidays')
        .set('authorization', admin.auth)
        .send({ date: '۱۴۱۱/۰۱/۰۱', occasion: 'عيد نوروز' })
        .expect(201);
      expect(nowruz.body).toEqual({
        date: '1411/01/01',
        gregorianDate: '2032-03-20',
        occasions: ['عید نوروز'],
        hijriDates: [],
      });
      const both = await api()
        .post('/reference/calendar/holidays')
        .set('authorization', admin.auth)
        .send({ date: '1411-1-1', occasion: 'Eid al-Fitr', hijriDate: '۱۴۵۳/۱۰/۰۱' })
        .expect(201);
      expect(both.body).toMatchObject({
        date: '1411/01/01',
        occasions: ['Eid al-Fitr', 'عید نوروز'],
        hijriDates: ['1453/10/01'],
      });
      const again = await api()
        .post('/reference/calendar/holidays')
        .set('authorization', admin.auth)
        .send({ date: '1411/01/01', occasion: 'Eid al-Fitr' })
        .expect(409);
      expect(again.body.code).toBe('REFERENCE.HOLIDAY_EXISTS');

      const year = await api()
        .get('/reference/calendar?year=1411')
        .set('authorization', member.auth)
        .expect(200);
      expect(year.body).toMatchObject({ holidaysKnown: true, holidays: [both.body] });
      // New cases and sessions take the day into their working calendar through this.
      const calendar = stack.app.get(CalendarService);
      expect((await calendar.currentDays()).holidays).toContain('1411/01/01');
      expect((await calendar.currentCalendar()).holidays).toContain('1405/01/01');

      await api()
        .delete('/reference/calendar/holidays/1411-01-01')
        .set('authorization', reviewer.auth)
        .expect(403);
      await api()
        .delete('/reference/calendar/holidays/1411-01-01')
        .set('authorization', admin.auth)
        .expect(204);
      const gone = await api()
        .delete('/reference/calendar/holidays/1411-01-01')
        .set('authorization', admin.auth)
        .expect(404);
      expect(gone.body.code).toBe('REFERENCE.HOLIDAY_NOT_FOUND');
      expect((await calendar.currentDays()).holidays).not.toContain('1411/01/01');
    });

    it('refuses days that do not exist, a missing occasion, a malformed Hijri date, and non-administrators', async () => {
      const probes: [body: object, field: string][] = [
        [{ date: '1404/12/30', occasion: 'سال کبیسه نیست' }, 'date'],
        [{ date: '1411/01/01' }, 'occasion'],
        [{ date: '1411/01/01', occasion: 'x'.repeat(201) }, 'occasion'],
        [{ date: '1411/01/01', occasion: 'عید', hijriDate: '1453/13/01' }, 'hijriDate'],
        [{ date: '1411/01/01', occasion: 'عید', hijriDate: 14531001 }, 'hijriDate'],
        [{ date: '1411/01/01', occasion: 'عید', extra: 1 }, 'extra'],
      ];
      for (const [body, field] of probes) {
        const res = await api()
          .post('/reference/calendar/holidays')
          .set('authorization', admin.auth)
          .send(body);
        expect([body, res.status]).toEqual([body, 400]);
        expect(res.body.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
      for (const who of [reviewer, member]) {
        await api()
          .post('/reference/calendar/holidays')
          .set('authorization', who.auth)
          .send({ date: '1411/01/02', occasion: 'عید' })
          .expect(403);
      }
      const rows: unknown[] = await stack.dataSource.query(
        `SELECT 1 FROM official_holidays WHERE date LIKE '1411/%'`,
      );
      expect(rows).toEqual([]);
    });
  });

  describe('document checklists', () => {
    // A request type other files use too: every change is undone (the rows removed) at the end.
    const codes = (type: { checklist: { code: string }[] }) => type.checklist.map((s) => s.code);
    const sale = async (): Promise<{ checklist: { code: string; required: boolean }[] }> => {
      const res = await api()
        .get('/reference/request-types')
        .set('authorization', member.auth)
        .expect(200);
      return res.body.find((t: { code: string }) => t.code === 'SALE');
    };
    afterAll(async () => {
      await stack.dataSource.query(
        `DELETE FROM checklist_slots WHERE request_type = 'SALE' AND code LIKE 'TEST_%'`,
      );
      await stack.dataSource.query(
        `UPDATE checklist_slots SET retired_at = NULL, position = 30
          WHERE request_type = 'SALE' AND code = 'VEHICLE_CARD'`,
      );
    });

    it('starts from the checklists of docs/domain.md §5.5, every slot titled in Persian and English', async () => {
      const res = await api()
        .get('/reference/request-types')
        .set('authorization', member.auth)
        .expect(200);
      const byType = Object.fromEntries(
        (res.body as { code: string; checklist: { code: string }[] }[]).map((t) => [
          t.code,
          codes(t),
        ]),
      );
      expect(byType).toEqual({
        SCRAP: ['REQUEST_LETTER', 'TECHNICAL_OPINION', 'VEHICLE_CARD'],
        PURCHASE: [
          'REQUEST_LETTER',
          'ORGANISATION_CHART',
          'BUDGET_CONFIRMATION',
          'PLANNING_AGREEMENT',
        ],
        SALE: ['REQUEST_LETTER', 'EXPERT_OPINION', 'VEHICLE_CARD'],
      });
      for (const type of res.body) {
        expect(type.title.fa).toMatch(/[\u0600-\u06FF]/);
        for (const slot of type.checklist) {
          expect(slot.title.fa).toMatch(/[\u0600-\u06FF]/);
          expect(slot.title.en).toMatch(/[A-Za-z]/);
          expect(slot.required).toBe(true);
        }
      }
    });

    it('lets an administrator add, reword, reorder and retire slots; a case keeps the checklist it was filed under', async () => {
      const agencyId = await createAgency(stack.dataSource, 'checklist agency');
      const clerk = await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], agencyId);
      const fileSale = async () => {
        const res = await api()
          .post('/cases')
          .set('authorization', clerk.auth)
          .send({
            requestType: 'SALE',
            justification: 'فروش خودروی مازاد بر نیاز دستگاه',
            vehicles: [{ plate: '12ب345-15', usageClass: 'SEDAN', modelYear: 1395 }],
          })
          .expect(201);
        const id: string = res.body.id;
        await eventually(async () =>
          (await stack.dataSource.getRepository(CaseRecordEntity).findOneBy({ id }))
            ? true
            : undefined,
        );
        return id;
      };
      const checklistOf = async (caseId: string) => {
        const res = await api()
          .get(`/cases/${caseId}/documents`)
          .set('authorization', clerk.auth)
          .expect(200);
        return codes(res.body);
      };
      const before = await fileSale();

      const added = await api()
        .post('/reference/request-types/SALE/checklist')
        .set('authorization', admin.auth)
        .send({
          code: 'TEST_FINES_CLEARANCE',
          title: { fa: 'گواهي عدم خلافي', en: 'Traffic-fines clearance' },
          required: true,
          position: 15,
        })
        .expect(201);
      expect(codes(added.body)).toEqual([
        'REQUEST_LETTER',
        'TEST_FINES_CLEARANCE',
        'EXPERT_OPINION',
        'VEHICLE_CARD',
      ]);
      expect(added.body.checklist[1].title.fa).toBe('گواهی عدم خلافی');
      const reused = await api()
        .post('/reference/request-types/SALE/checklist')
        .set('authorization', admin.auth)
        .send({ code: 'VEHICLE_CARD', title: { fa: 'کارت', en: 'Card' }, required: false })
        .expect(409);
      expect(reused.body.code).toBe('REFERENCE.SLOT_EXISTS');

      const retired = await api()
        .delete('/reference/request-types/SALE/checklist/VEHICLE_CARD')
        .set('authorization', admin.auth)
        .expect(200);
      expect(codes(retired.body)).toEqual([
        'REQUEST_LETTER',
        'TEST_FINES_CLEARANCE',
        'EXPERT_OPINION',
      ]);
      const reworded = await api()
        .patch('/reference/request-types/SALE/checklist/TEST_FINES_CLEARANCE')
        .set('authorization', admin.auth)
        .send({ title: { en: 'Clearance of traffic fines' }, position: 25 })
        .expect(200);
      expect(reworded.body.checklist[2]).toEqual({
        code: 'TEST_FINES_CLEARANCE',
        title: { fa: 'گواهی عدم خلافی', en: 'Clearance of traffic fines' },
        required: true,
      });
      const retiredAgain = await api()
        .patch('/reference/request-types/SALE/checklist/VEHICLE_CARD')
        .set('authorization', admin.auth)
        .send({ position: 1 })
        .expect(409);
      expect(retiredAgain.body.code).toBe('REFERENCE.SLOT_RETIRED');
      expect(codes(await sale())).toEqual([
        'REQUEST_LETTER',
        'EXPERT_OPINION',
        'TEST_FINES_CLEARANCE',
      ]);

      // The case filed before keeps its checklist; one filed now has the new one.
      expect(await checklistOf(before)).toEqual([
        'REQUEST_LETTER',
        'EXPERT_OPINION',
        'VEHICLE_CARD',
      ]);
      const after = await fileSale();
      expect(await checklistOf(after)).toEqual([
        'REQUEST_LETTER',
        'EXPERT_OPINION',
        'TEST_FINES_CLEARANCE',
      ]);
      const upload = (caseId: string, slot: string) =>
        api()
          .post(`/cases/${caseId}/documents`)
          .set('authorization', clerk.auth)
          .field('slot', slot)
          .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), {
            filename: 'card.pdf',
            contentType: 'application/pdf',
          });
      await upload(before, 'VEHICLE_CARD').expect(201);
      const refused = await upload(after, 'VEHICLE_CARD').expect(400);
      expect(refused.body.code).toBe('DOCUMENT.SLOT_UNKNOWN');
      await upload(before, 'TEST_FINES_CLEARANCE').expect(400);
    });

    it('keeps at least one required slot, and refuses bad input and non-administrators', async () => {
      // An optional slot does not count: retire the required ones one by one, the last is kept.
      await stack.dataSource.query(
        `INSERT INTO checklist_slots (request_type, code, title_fa, title_en, required, position, added_at)
         VALUES ('SALE', 'TEST_OPTIONAL', 'عکس خودرو', 'Photos', false, 90, now())`,
      );
      const retireAll = await stack.dataSource.query(
        `SELECT code FROM checklist_slots WHERE request_type = 'SALE' AND retired_at IS NULL AND required`,
      );
      expect(retireAll.length).toBeGreaterThan(0);
      for (const { code } of retireAll.slice(0, -1) as { code: string }[]) {
        await api()
          .delete(`/reference/request-types/SALE/checklist/${code}`)
          .set('authorization', admin.auth)
          .expect(200);
      }
      const last = (retireAll.at(-1) as { code: string }).code;
      const refused = await api()
        .delete(`/reference/request-types/SALE/checklist/${last}`)
        .set('authorization', admin.auth)
        .expect(409);
      expect(refused.body.code).toBe('REFERENCE.CHECKLIST_WOULD_BE_EMPTY');
      // Undo: the seeded slots come back, the test's own rows go.
      await stack.dataSource.query(
        `UPDATE checklist_slots SET retired_at = NULL WHERE request_type = 'SALE' AND code NOT LIKE 'TEST_%'`,
      );
      await stack.dataSource.query(
        `DELETE FROM checklist_slots WHERE request_type = 'SALE' AND code LIKE 'TEST_%'`,
      );

      const probes: [path: string, body: object, field: string][] = [
        [
          '/reference/request-types/SALE/checklist',
          { code: 'lower', title: { fa: 'مدرک', en: 'Doc' }, required: true },
          'code',
        ],
        [
          '/reference/request-types/SALE/checklist',
          { code: 'TEST_X', title: { fa: 'مدرک' }, required: true },
          'title.en',
        ],
        [
          '/reference/request-types/SALE/checklist',
          { code: 'TEST_X', title: 'مدرک', required: true },
          'title',
        ],
        [
          '/reference/request-types/SALE/checklist',
          { code: 'TEST_X', title: { fa: 'مدرک', en: 'Doc' }, required: 'yes' },
          'required',
        ],
        [
          '/reference/request-types/SALE/checklist',
          { code: 'TEST_X', title: { fa: 'مدرک', en: 'Doc' }, required: true, position: -1 },
          'position',
        ],
        [
          '/reference/request-types/LEASE/checklist',
          { code: 'TEST_X', title: { fa: 'مدرک', en: 'Doc' }, required: true },
          'type',
        ],
      ];
      for (const [path, body, field] of probes) {
        const res = await api().post(path).set('authorization', admin.auth).send(body);
        expect([path, body, res.status]).toEqual([path, body, 400]);
        expect(res.body.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
      const unknown = await api()
        .patch('/reference/request-types/SALE/checklist/NO_SUCH_SLOT')
        .set('authorization', admin.auth)
        .send({ position: 5 })
        .expect(404);
      expect(unknown.body.code).toBe('REFERENCE.SLOT_NOT_FOUND');
      for (const who of [reviewer, member]) {
        await api()
          .post('/reference/request-types/SALE/checklist')
          .set('authorization', who.auth)
          .send({ code: 'TEST_X', title: { fa: 'مدرک', en: 'Doc' }, required: true })
          .expect(403);
      }
      const rows: unknown[] = await stack.dataSource.query(
        `SELECT 1 FROM checklist_slots WHERE code LIKE 'TEST_%' OR retired_at IS NOT NULL`,
      );
      expect(rows).toEqual([]);
    });
  });

  describe('vehicle balance of an agency', () => {
    let agency: string;
    let otherAgency: string;
    let clerk: Caller;
    let clerkOther: Caller;
    const inserted: string[] = [];

    /**
     * A case straight into the read model, with a permit number when `permit`. The workflow's
     * road to a permit (review, session, decisions, approved minutes) is long and covered by
     * lifecycle.int-spec.ts and e2e.int-spec.ts; the balance reads only these two tables, so
     * direct rows are enough here.
     */
    const insertCase = async (
      agencyId: string,
      requestType: RequestType,
      stage: CaseStage,
      vehicles: VehicleInput[],
      permit = false,
    ): Promise<void> => {
      const id = randomUUID();
      inserted.push(id);
      await stack.dataSource.getRepository(CaseRecordEntity).insert({
        id,
        trackingCode: `T${randomUUID().replace(/-/g, '').slice(0, 14)}`,
        workflowId: `balance-test-${id}`,
        requestType,
        agencyId,
        justification: 'ردیف مستقیم برای آزمون تراز خودرو',
        vehicles,
        stage,
        waitingOn: 'NOBODY',
        stageSince: new Date(),
        registeredAt: new Date(),
      });
      if (permit) {
        // Year 1300 never has real permits: the numbers cannot clash with issued ones.
        await stack.dataSource.query(
          `INSERT INTO permit_numbers (case_id, jalali_year, seq)
           SELECT $1, 1300, COALESCE(MAX(seq), 0) + 1 FROM permit_numbers WHERE jalali_year = 1300`,
          [id],
        );
      }
    };

    beforeAll(async () => {
      agency = await createAgency(stack.dataSource, 'balance agency');
      otherAgency = await createAgency(stack.dataSource, 'balance other agency');
      clerk = await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], agency);
      clerkOther = await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], otherAgency);
      const sedan = (plate: string): VehicleInput => ({ plate, usageClass: 'SEDAN' });
      // Retired: 2 + 1 vehicles of scrap cases with a permit.
      await insertCase(agency, 'SCRAP', 'CLOSED', [sedan('11ب111-11'), sedan('12ب111-11')], true);
      await insertCase(agency, 'SCRAP', 'CLOSED', [sedan('13ب111-11')], true);
      // Not retired: refused, or still under way.
      await insertCase(agency, 'SCRAP', 'CLOSED', [sedan('14ب111-11'), sedan('15ب111-11')]);
      await insertCase(agency, 'SCRAP', 'UNDER_REVIEW', [sedan('16ب111-11')]);
      // Bought: the counts of a purchase with a permit.
      await insertCase(
        agency,
        'PURCHASE',
        'CLOSED',
        [
          { usageClass: 'SEDAN', count: 1 },
          { usageClass: 'PICKUP', count: 1 },
        ],
        true,
      );
      // Pending: purchases without a final decision (DECIDED waits for the minutes).
      await insertCase(agency, 'PURCHASE', 'UNDER_REVIEW', [
        { usageClass: 'SEDAN', count: 1 },
        { usageClass: 'PICKUP', count: 2 },
      ]);
      await insertCase(agency, 'PURCHASE', 'DECIDED', [{ usageClass: 'BUS', count: 1 }]);
      // Neither: a refused or withdrawn purchase, a sale, another agency's scrap.
      await insertCase(agency, 'PURCHASE', 'CLOSED', [{ usageClass: 'SEDAN', count: 5 }]);
      await insertCase(agency, 'PURCHASE', 'WITHDRAWN', [{ usageClass: 'SEDAN', count: 7 }]);
      await insertCase(agency, 'SALE', 'CLOSED', [sedan('17ب111-11')], true);
      await insertCase(otherAgency, 'SCRAP', 'CLOSED', [sedan('18ب111-11')], true);
    });
    afterAll(async () => {
      await stack.dataSource.query('DELETE FROM permit_numbers WHERE case_id = ANY($1)', [
        inserted,
      ]);
      await stack.dataSource.query('DELETE FROM cases WHERE id = ANY($1)', [inserted]);
    });

    it('counts retired and bought vehicles from permits, and the purchases still pending', async () => {
      for (const who of [reviewer, clerk]) {
        const res = await api()
          .get(`/reference/agencies/${agency}/vehicle-balance`)
          .set('authorization', who.auth)
          .expect(200);
        expect(res.body).toEqual({
          agencyId: agency,
          retired: 3,
          bought: 2,
          balance: 1,
          pendingPurchaseVehicles: 4,
          asOf: expect.any(String),
          asOfJalali: expect.stringMatching(/^1[34]\d\d\/\d\d\/\d\d \d\d:\d\d$/),
        });
      }
      const other = await api()
        .get(`/reference/agencies/${otherAgency}/vehicle-balance`)
        .set('authorization', clerkOther.auth)
        .expect(200);
      expect(other.body).toMatchObject({
        retired: 1,
        bought: 0,
        balance: 1,
        pendingPurchaseVehicles: 0,
      });
    });

    it('answers another agency’s clerk, and an unknown agency, 404 AGENCY.NOT_FOUND', async () => {
      const hidden = await api()
        .get(`/reference/agencies/${agency}/vehicle-balance`)
        .set('authorization', clerkOther.auth)
        .expect(404);
      expect(hidden.body.code).toBe('AGENCY.NOT_FOUND');
      const unknown = await api()
        .get(`/reference/agencies/${randomUUID()}/vehicle-balance`)
        .set('authorization', reviewer.auth)
        .expect(404);
      expect(unknown.body.code).toBe('AGENCY.NOT_FOUND');
      const malformed = await api()
        .get('/reference/agencies/not-a-uuid/vehicle-balance')
        .set('authorization', reviewer.auth)
        .expect(400);
      expect(malformed.body.details).toEqual([expect.objectContaining({ field: 'agencyId' })]);
    });

    it('is not for members or administrators', async () => {
      for (const who of [member, admin]) {
        const res = await api()
          .get(`/reference/agencies/${agency}/vehicle-balance`)
          .set('authorization', who.auth)
          .expect(403);
        expect(res.body.code).toBe('ACCESS.FORBIDDEN');
      }
    });
  });
});
