import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage, type ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** Every file under src/ that declares request DTOs (…dto.ts, and the parameter classes in them). */
function dtoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return dtoFiles(path);
    return /\.dto\.ts$/.test(name) ? [path] : [];
  });
}

describe('nested request DTOs', () => {
  it('check that every nested value is an object before validating it as its DTO', async () => {
    const files = dtoFiles(join(__dirname, '..', '..'));
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) await import(file);
    const all = (
      getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, ValidationMetadata[]> }
    ).validationMetadatas;
    const nestedType: (typeof ValidationTypes)['NESTED_VALIDATION'] = 'nestedValidation';
    const missing: string[] = [];
    let nested = 0;
    for (const [target, metadata] of all) {
      for (const m of metadata.filter((m) => m.type === nestedType)) {
        nested += 1;
        const objectCheck = metadata.find(
          (o) =>
            o.propertyName === m.propertyName && o.name === 'isObject' && !!o.each === !!m.each,
        );
        if (!objectCheck) {
          missing.push(
            `${(target as { name?: string }).name}.${m.propertyName} (each: ${!!m.each})`,
          );
        }
      }
    }
    expect(nested).toBeGreaterThan(10);
    // ValidateNested alone lets an array stand in for the object (its items are walked instead,
    // and an empty one passes): `vehicles: [[[]]]` once registered a case with no vehicle.
    expect(missing).toEqual([]);
  });
});

describe('request DTO messages', () => {
  it('give every rule with its own English message the same message in Persian', async () => {
    const files = dtoFiles(join(__dirname, '..', '..'));
    for (const file of files) await import(file);
    const all = (
      getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, ValidationMetadata[]> }
    ).validationMetadatas;
    const missing: string[] = [];
    for (const [target, metadata] of all) {
      for (const m of metadata) {
        // ValidateNested's own message never shows: the isObject beside it is reported first.
        if (m.type === 'nestedValidation') continue;
        const context = m.context as { fa?: unknown; en?: unknown } | undefined;
        if (
          m.message !== undefined &&
          !(typeof context?.fa === 'string' && typeof context.en === 'string')
        ) {
          missing.push(
            `${(target as { name?: string }).name}.${m.propertyName} ${m.name ?? m.type}`,
          );
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
