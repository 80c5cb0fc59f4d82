import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The official holidays of 1404 and 1405 as first entered (workflows/common/sla/default-calendar-data.ts
 * on the day of this migration; administrators maintain them from here on). Literal, so that a
 * later change of the built-in list never changes what this migration did.
 */
const HOLIDAY_SEED: readonly [string, string, string | null][] = [
  ['1404/01/01', 'Nowruz', null],
  ['1404/01/02', 'Nowruz', null],
  ['1404/01/02', 'Martyrdom of Imam Ali', '1446/09/21'],
  ['1404/01/03', 'Nowruz', null],
  ['1404/01/04', 'Nowruz', null],
  ['1404/01/11', 'Eid al-Fitr', '1446/10/01'],
  ['1404/01/12', 'Islamic Republic Day', null],
  ['1404/01/12', 'Eid al-Fitr holiday', '1446/10/02'],
  ['1404/01/13', 'Nature Day', null],
  ['1404/02/04', 'Martyrdom of Imam Sadiq', '1446/10/25'],
  ['1404/03/14', 'Demise of Imam Khomeini', null],
  ['1404/03/15', '15 Khordad uprising', null],
  ['1404/03/16', 'Eid al-Adha', '1446/12/10'],
  ['1404/03/24', 'Eid al-Ghadir', '1446/12/18'],
  ['1404/04/14', 'Tasua', '1447/01/09'],
  ['1404/04/15', 'Ashura', '1447/01/10'],
  ['1404/05/23', 'Arbaeen', '1447/02/20'],
  ['1404/05/31', 'Demise of the Prophet and martyrdom of Imam Hasan', '1447/02/28'],
  ['1404/06/02', 'Martyrdom of Imam Reza', '1447/02/30'],
  ['1404/06/10', 'Martyrdom of Imam Hasan Askari', '1447/03/08'],
  ['1404/06/19', 'Birth of the Prophet and of Imam Sadiq', '1447/03/17'],
  ['1404/09/03', 'Martyrdom of Fatimah', '1447/06/03'],
  ['1404/10/13', 'Birth of Imam Ali', '1447/07/13'],
  ['1404/10/27', "Mab'ath", '1447/07/27'],
  ['1404/11/15', "Birth of Imam Mahdi (15 Sha'ban)", '1447/08/15'],
  ['1404/11/22', 'Victory of the Islamic Revolution', null],
  ['1404/12/20', 'Martyrdom of Imam Ali', '1447/09/21'],
  ['1404/12/29', 'Nationalisation of the oil industry', null],
  ['1405/01/01', 'Nowruz', null],
  ['1405/01/01', 'Eid al-Fitr', '1447/10/01'],
  ['1405/01/02', 'Nowruz', null],
  ['1405/01/02', 'Eid al-Fitr holiday', '1447/10/02'],
  ['1405/01/03', 'Nowruz', null],
  ['1405/01/04', 'Nowruz', null],
  ['1405/01/12', 'Islamic Republic Day', null],
  ['1405/01/13', 'Nature Day', null],
  ['1405/01/25', 'Martyrdom of Imam Sadiq', '1447/10/25'],
  ['1405/03/06', 'Eid al-Adha', '1447/12/10'],
  ['1405/03/14', 'Demise of Imam Khomeini', null],
  ['1405/03/14', 'Eid al-Ghadir', '1447/12/18'],
  ['1405/03/15', '15 Khordad uprising', null],
  ['1405/04/03', 'Tasua', '1448/01/09'],
  ['1405/04/04', 'Ashura', '1448/01/10'],
  ['1405/05/13', 'Arbaeen', '1448/02/20'],
  ['1405/05/21', 'Demise of the Prophet and martyrdom of Imam Hasan', '1448/02/28'],
  ['1405/05/22', 'Martyrdom of Imam Reza', '1448/02/29'],
  ['1405/05/30', 'Martyrdom of Imam Hasan Askari', '1448/03/08'],
  ['1405/06/08', 'Birth of the Prophet and of Imam Sadiq', '1448/03/17'],
  ['1405/08/22', 'Martyrdom of Fatimah', '1448/06/03'],
  ['1405/10/02', 'Birth of Imam Ali', '1448/07/13'],
  ['1405/10/16', "Mab'ath", '1448/07/27'],
  ['1405/11/04', "Birth of Imam Mahdi (15 Sha'ban)", '1448/08/15'],
  ['1405/11/22', 'Victory of the Islamic Revolution', null],
  ['1405/12/09', 'Martyrdom of Imam Ali', '1448/09/21'],
  ['1405/12/19', 'Eid al-Fitr', '1448/10/01'],
  ['1405/12/20', 'Eid al-Fitr holiday', '1448/10/02'],
  ['1405/12/29', 'Nationalisation of the oil industry', null],
];

/** The request types' document checklists as first entered (docs/domain.md §5.5). */
const CHECKLIST_SEED: readonly [string, string, string, string][] = [
  // [request type, slot code, Persian title, English title]; all required, in display order.
  [
    'SCRAP',
    'REQUEST_LETTER',
    'نامه درخواست با امضای بالاترین مقام دستگاه',
    'Request letter signed by the agency’s highest authority',
  ],
  [
    'SCRAP',
    'TECHNICAL_OPINION',
    'نظر کارشناس فنی درباره وضعیت خودرو',
    'Technical opinion on the vehicle’s condition',
  ],
  ['SCRAP', 'VEHICLE_CARD', 'کارت خودرو', 'Vehicle card'],
  [
    'PURCHASE',
    'REQUEST_LETTER',
    'نامه درخواست با امضای بالاترین مقام دستگاه',
    'Request letter signed by the agency’s highest authority',
  ],
  ['PURCHASE', 'ORGANISATION_CHART', 'تشکیلات مصوب', 'Approved organisation chart'],
  ['PURCHASE', 'BUDGET_CONFIRMATION', 'تأیید اعتبار و بودجه', 'Budget/credit confirmation'],
  [
    'PURCHASE',
    'PLANNING_AGREEMENT',
    'موافقت‌نامه سازمان برنامه و بودجه (یا صورتجلسه مجمع عمومی برای شرکت‌ها)',
    'Agreement with the planning organisation (or a company’s general-assembly minutes)',
  ],
  [
    'SALE',
    'REQUEST_LETTER',
    'نامه درخواست با امضای بالاترین مقام دستگاه',
    'Request letter signed by the agency’s highest authority',
  ],
  [
    'SALE',
    'EXPERT_OPINION',
    'نظر کارشناس رسمی دادگستری (استهلاک، قابلیت شماره‌گذاری مجدد یا اوراقی)',
    'Official expert’s opinion (depreciation; re-plateable or salvage)',
  ],
  ['SALE', 'VEHICLE_CARD', 'کارت خودرو', 'Vehicle card'],
];

/**
 * Reference data administrators edit: official holidays (per year; the lunar ones move), the
 * request types' document checklists (a slot is retired, never deleted, so a case keeps the
 * checklist it was filed under), and the fingerprints of keyed actions (a reused
 * Idempotency-Key with another body is refused).
 */
export class EditableReference1764780000000 implements MigrationInterface {
  name = 'EditableReference1764780000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "official_holidays" (
        "date" char(10) NOT NULL,
        "occasion" varchar(200) NOT NULL,
        "hijri_date" char(10),
        "created_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("date", "occasion"),
        CONSTRAINT "CHK_official_holidays_date" CHECK ("date" ~ '^[0-9]{4}/[0-9]{2}/[0-9]{2}$')
      )`);
    for (const [date, occasion, hijriDate] of HOLIDAY_SEED) {
      await queryRunner.query(
        `INSERT INTO "official_holidays" ("date", "occasion", "hijri_date") VALUES ($1, $2, $3)`,
        [date, occasion, hijriDate],
      );
    }
    await queryRunner.query(`
      CREATE TABLE "checklist_slots" (
        "request_type" varchar(16) NOT NULL,
        "code" varchar(40) NOT NULL,
        "title_fa" varchar(300) NOT NULL,
        "title_en" varchar(300) NOT NULL,
        "required" boolean NOT NULL,
        "position" integer NOT NULL,
        "added_at" timestamptz NOT NULL DEFAULT now(),
        "retired_at" timestamptz,
        "updated_by" uuid,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("request_type", "code"),
        CONSTRAINT "CHK_checklist_slots_code" CHECK ("code" ~ '^[A-Z][A-Z0-9_]{1,39}$'),
        CONSTRAINT "CHK_checklist_slots_retired" CHECK ("retired_at" IS NULL OR "retired_at" >= "added_at")
      )`);
    for (const [index, [type, code, fa, en]] of CHECKLIST_SEED.entries()) {
      // 10, 20, 30 … within each type, so that a new slot can go between two.
      const position = 10 * CHECKLIST_SEED.slice(0, index + 1).filter(([t]) => t === type).length;
      // Seeded slots count for every case, also those filed before this table existed.
      await queryRunner.query(
        `INSERT INTO "checklist_slots" ("request_type", "code", "title_fa", "title_en", "required", "position", "added_at")
         VALUES ($1, $2, $3, $4, true, $5, '2000-01-01T00:00:00Z')`,
        [type, code, fa, en, position],
      );
    }
    await queryRunner.query(`
      CREATE TABLE "action_keys" (
        "user_id" uuid NOT NULL,
        "update_id" varchar(300) NOT NULL,
        "request_hash" char(64) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("user_id", "update_id")
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "action_keys"`);
    await queryRunner.query(`DROP TABLE "checklist_slots"`);
    await queryRunner.query(`DROP TABLE "official_holidays"`);
  }
}
