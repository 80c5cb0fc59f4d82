import { QueryFailedError } from 'typeorm';

/** A write refused by a unique constraint or index (PostgreSQL SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505'
  );
}
