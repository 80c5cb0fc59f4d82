import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { toFieldProblems } from '../../common/errors/validation-problems';
import { RegisterCaseRequestDto } from './register-case.dto';

/** Like the global pipe: plain body → DTO (transforms run) → validation → field problems. */
async function check(body: Record<string, unknown>) {
  const dto = plainToInstance(RegisterCaseRequestDto, body);
  const errors = await validate(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: true },
  });
  return { dto, problems: toFieldProblems(errors) };
}

const codes = (problems: { field: string; code: string }[]) =>
  Object.fromEntries(problems.map((p) => [p.field, p.code]));

const ZWNJ = '\u200C';
const JUSTIFICATION = 'خودروی فرسوده با هزینه تعمیر بیش از ارزش آن';

const scrap = (vehicle: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  requestType: 'SCRAP',
  justification: JUSTIFICATION,
  vehicles: [vehicle],
  ...extra,
});

const VEHICLE = {
  plate: '12ب345-15',
  vin: '1M8GDM9AXKP042788',
  usageClass: 'SEDAN',
  modelYear: 1385,
};

describe('RegisterCaseRequestDto', () => {
  it('accepts a complete scrap request', async () => {
    const { problems, dto } = await check(
      scrap({
        ...VEHICLE,
        makeModel: 'پژو ۴۰۵',
        fuel: 'CNG',
        mileage: 240000,
        bookValue: 1_500_000_000,
      }),
    );
    expect(problems).toEqual([]);
    expect(dto.vehicles[0]).toMatchObject({
      plate: '12ب345-15',
      vin: '1M8GDM9AXKP042788',
      makeModel: 'پژو 405',
      modelYear: 1385,
      modelYearGregorian: 2006,
      fuel: 'CNG',
      mileage: 240000,
      bookValue: 1_500_000_000,
    });
  });

  describe('Persian text', () => {
    it('normalises digits and Arabic letters in the justification and make/model, keeping ZWNJ', async () => {
      const { problems, dto } = await check(
        scrap(
          { ...VEHICLE, makeModel: 'پيكان  ۱۶۰۰' },
          { justification: `  خودروي فرسوده مدل ١٣٨٥ با هزينه${ZWNJ}ها  بالا ` },
        ),
      );
      expect(problems).toEqual([]);
      expect(dto.justification).toBe(`خودروی فرسوده مدل 1385 با هزینه${ZWNJ}ها بالا`);
      expect(dto.vehicles[0].makeModel).toBe('پیکان 1600');
    });

    it('counts the justification’s length after trimming', async () => {
      const { problems } = await check(scrap(VEHICLE, { justification: '   کوتاه   ' }));
      expect(codes(problems)).toEqual({ justification: 'minLength' });
    });

    it('refuses a justification over 4000 characters, naming the field', async () => {
      const { problems } = await check(scrap(VEHICLE, { justification: 'ب'.repeat(5000) }));
      expect(codes(problems)).toEqual({ justification: 'maxLength' });
      expect(problems[0].message.fa).toContain('justification');
    });
  });

  describe('plate', () => {
    it.each(['12ب345-15', '12 ب 345 ایران 15', '۱۲ب۳۴۵-۱۵', '۱۲ ب ۳۴۵ ایران ۱۵', '12-ب-345-15'])(
      'stores %s as 12ب345-15',
      async (plate) => {
        const { problems, dto } = await check(scrap({ ...VEHICLE, plate }));
        expect(problems).toEqual([]);
        expect(dto.vehicles[0].plate).toBe('12ب345-15');
      },
    );

    it('takes a government plate «الف» and a personal plate alike', async () => {
      const { problems, dto } = await check(scrap({ ...VEHICLE, plate: '۱۱ الف ۱۱۱ ایران ۱۱' }));
      expect(problems).toEqual([]);
      expect(dto.vehicles[0].plate).toBe('11الف111-11');
    });

    it.each(['12345-15', '12ب34-15', '12چ345-15', 'ABC-123', "12ب345-15'--"])(
      'refuses %s, saying which shape is expected in both languages',
      async (plate) => {
        const { problems } = await check(scrap({ ...VEHICLE, plate }));
        expect(problems).toEqual([
          {
            field: 'vehicles[0].plate',
            code: 'isIranianPlate',
            message: {
              fa: expect.stringMatching(/«plate».*دو رقم، یک حرف، سه رقم و کد دو رقمی استان/),
              en: expect.stringMatching(
                /^plate must be an Iranian plate: two digits, a letter, three digits and the two-digit region code, e\.g\. 12ب345-15/,
              ),
            },
          },
        ]);
      },
    );

    it('refuses a plate that is not a string as a type error', async () => {
      const { problems } = await check(scrap({ ...VEHICLE, plate: 12345 }));
      expect(codes(problems)).toEqual({ 'vehicles[0].plate': 'isString' });
    });
  });

  describe('VIN', () => {
    it('upper-cases it before checking its shape', async () => {
      const { problems, dto } = await check(scrap({ ...VEHICLE, vin: ' 1m8gdm9axkp042788 ' }));
      expect(problems).toEqual([]);
      expect(dto.vehicles[0].vin).toBe('1M8GDM9AXKP042788');
    });

    it.each(['IOQ', '1M8GDM9AXKP04278', '1M8GDM9AXKQ042788', 'ن'.repeat(17)])(
      'refuses %s',
      async (vin) => {
        const { problems } = await check(scrap({ ...VEHICLE, vin }));
        expect(codes(problems)).toEqual({ 'vehicles[0].vin': 'matches' });
        expect(problems[0].message.fa).toContain('VIN');
      },
    );

    it('accepts a VIN whose check digit does not match (that is a warning, not an error)', async () => {
      const { problems } = await check(scrap({ ...VEHICLE, vin: 'NAAM01E07HK123456' }));
      expect(problems).toEqual([]);
    });
  });

  describe('model year', () => {
    it.each([
      [1385, 1385, 2006],
      [1403, 1403, 2024],
      [2006, 2006, 2006],
      ['۱۳۸۵', 1385, 2006],
      ['2006', 2006, 2006],
    ])('accepts %p as %i and adds Gregorian %i', async (modelYear, kept, gregorian) => {
      const { problems, dto } = await check(scrap({ ...VEHICLE, modelYear }));
      expect(problems).toEqual([]);
      expect(dto.vehicles[0].modelYear).toBe(kept);
      expect(dto.vehicles[0].modelYearGregorian).toBe(gregorian);
    });

    it.each([1299, 1500, 1800, 1919, 2101])(
      'refuses %i: neither a Solar Hijri nor a Gregorian model year',
      async (modelYear) => {
        const { problems } = await check(scrap({ ...VEHICLE, modelYear }));
        expect(codes(problems)).toEqual({ 'vehicles[0].modelYear': 'isModelYear' });
        expect(problems[0].message.fa).toContain('شمسی');
        expect(problems[0].message.en).toContain('Solar Hijri');
      },
    );

    it('refuses a fraction or a word as a type error', async () => {
      for (const modelYear of [1385.5, 'سال ۸۵', true]) {
        const { problems } = await check(scrap({ ...VEHICLE, modelYear }));
        expect(codes(problems)).toEqual({ 'vehicles[0].modelYear': 'isInt' });
      }
    });

    it('computes modelYearGregorian itself: a value sent by the client is replaced', async () => {
      const sent = await check(scrap({ ...VEHICLE, modelYear: 1385, modelYearGregorian: 1900 }));
      expect(sent.problems).toEqual([]);
      expect(sent.dto.vehicles[0].modelYearGregorian).toBe(2006);
      const without = await check(
        scrap({ ...VEHICLE, modelYear: undefined, modelYearGregorian: 1 }),
      );
      expect(without.problems).toEqual([]);
      expect(without.dto.vehicles[0].modelYearGregorian).toBeUndefined();
    });
  });

  describe('usage class, fuel, mileage, book value', () => {
    it('refuses values outside their enums', async () => {
      const { problems } = await check(scrap({ ...VEHICLE, usageClass: 'TANK', fuel: 'COAL' }));
      expect(codes(problems)).toEqual({
        'vehicles[0].usageClass': 'isIn',
        'vehicles[0].fuel': 'isIn',
      });
    });

    it.each(['GASOLINE', 'DIESEL', 'CNG', 'HYBRID', 'ELECTRIC', 'OTHER'])(
      'accepts fuel %s',
      async (fuel) => {
        expect((await check(scrap({ ...VEHICLE, fuel }))).problems).toEqual([]);
      },
    );

    it('bounds mileage to whole kilometres from 0 to 5,000,000', async () => {
      for (const mileage of [0, 5_000_000, '۱۲۰۰۰۰']) {
        expect((await check(scrap({ ...VEHICLE, mileage }))).problems).toEqual([]);
      }
      expect(codes((await check(scrap({ ...VEHICLE, mileage: -1 }))).problems)).toEqual({
        'vehicles[0].mileage': 'min',
      });
      expect(codes((await check(scrap({ ...VEHICLE, mileage: 5_000_001 }))).problems)).toEqual({
        'vehicles[0].mileage': 'max',
      });
      expect(codes((await check(scrap({ ...VEHICLE, mileage: 12.5 }))).problems)).toEqual({
        'vehicles[0].mileage': 'isInt',
      });
    });

    it('takes the book value in whole rials, never negative, never beyond exact integers', async () => {
      expect((await check(scrap({ ...VEHICLE, bookValue: 0 }))).problems).toEqual([]);
      expect(codes((await check(scrap({ ...VEHICLE, bookValue: -1 }))).problems)).toEqual({
        'vehicles[0].bookValue': 'min',
      });
      expect(codes((await check(scrap({ ...VEHICLE, bookValue: 2 ** 60 }))).problems)).toEqual({
        'vehicles[0].bookValue': 'max',
      });
      expect(codes((await check(scrap({ ...VEHICLE, bookValue: '1e9' }))).problems)).toEqual({
        'vehicles[0].bookValue': 'isInt',
      });
    });
  });

  describe('what each request type needs of its vehicles', () => {
    const purchase = (vehicle: Record<string, unknown>) => ({
      requestType: 'PURCHASE',
      justification: 'خرید خودروی خدمت به جای خودروهای اسقاط‌شده',
      vehicles: [vehicle],
    });

    it('a purchase gives each vehicle a usage class and a count', async () => {
      expect((await check(purchase({ usageClass: 'PICKUP', count: 2 }))).problems).toEqual([]);
      const { problems } = await check(purchase({}));
      expect(problems).toEqual([
        {
          field: 'vehicles[0].usageClass',
          code: 'required',
          message: {
            fa: 'فیلد «vehicles[0].usageClass» الزامی است.',
            en: 'vehicles[0].usageClass is required',
          },
        },
        {
          field: 'vehicles[0].count',
          code: 'required',
          message: {
            fa: 'فیلد «vehicles[0].count» الزامی است.',
            en: 'vehicles[0].count is required',
          },
        },
      ]);
    });

    it('a purchase needs neither plate nor VIN', async () => {
      expect((await check(purchase({ usageClass: 'BUS', count: '۳' }))).problems).toEqual([]);
    });

    it('a purchase refuses null for the required fields', async () => {
      const { problems } = await check(purchase({ usageClass: null, count: null }));
      expect(codes(problems)).toEqual({
        'vehicles[0].usageClass': 'isIn',
        'vehicles[0].count': 'isInt',
      });
    });

    it.each(['SCRAP', 'SALE'])(
      'a %s vehicle is identified by its plate or its VIN',
      async (type) => {
        const body = (vehicle: Record<string, unknown>) => ({
          ...scrap(vehicle),
          requestType: type,
        });
        expect((await check(body({ plate: '12ب345-15' }))).problems).toEqual([]);
        expect((await check(body({ vin: '1M8GDM9AXKP042788' }))).problems).toEqual([]);
        const { problems } = await check(body({ usageClass: 'SEDAN', modelYear: 1385 }));
        expect(problems).toEqual([
          {
            field: 'vehicles[0].plate',
            code: 'required',
            message: {
              fa: 'فیلد «vehicles[0].plate» الزامی است.',
              en: 'vehicles[0].plate is required',
            },
          },
        ]);
      },
    );

    it.each(['SCRAP', 'SALE'])('a %s vehicle carries no count', async (type) => {
      const { problems } = await check({ ...scrap({ ...VEHICLE, count: 2 }), requestType: type });
      expect(problems).toEqual([
        {
          field: 'vehicles[0].count',
          code: 'countOnlyForPurchase',
          message: {
            fa: expect.stringContaining('«count» فقط در درخواست خرید (PURCHASE)'),
            en: expect.stringMatching(/^count is for PURCHASE requests only/),
          },
        },
      ]);
    });

    it('names the vehicle that breaks a rule in a list of several', async () => {
      const { problems } = await check({
        requestType: 'SALE',
        justification: JUSTIFICATION,
        vehicles: [VEHICLE, { usageClass: 'PICKUP' }, { ...VEHICLE, count: 1 }],
      });
      expect(codes(problems)).toEqual({
        'vehicles[1].plate': 'required',
        'vehicles[2].count': 'countOnlyForPurchase',
      });
    });

    it('leaves the cross-field rules alone when the request type itself is wrong', async () => {
      const { problems } = await check({ ...scrap({ count: 2 }), requestType: 'LEASE' });
      expect(codes(problems)).toEqual({ requestType: 'isIn' });
    });
  });

  it('refuses unknown fields, at the top and in a vehicle', async () => {
    const { problems } = await check(
      scrap({ ...VEHICLE, colour: 'سفید' }, { "x'; DROP TABLE cases; --": 1 }),
    );
    expect(codes(problems)).toEqual({
      "x'; DROP TABLE cases; --": 'whitelistValidation',
      'vehicles[0].colour': 'whitelistValidation',
    });
  });
});
