/** A message in both languages the service speaks. */
export interface BilingualMessage {
  fa: string;
  en: string;
}

interface CatalogueEntry {
  status: number;
  message: BilingualMessage;
}

import { REFUSALS, type RefusalCode } from '../../../workflows/common/refusals';
import API_ERRORS from './error-catalogue.messages.json';

/** Workflow refusals answer 409 (the action does not fit the case or session as it stands). */
const REFUSAL_ENTRIES = Object.fromEntries(
  Object.entries(REFUSALS).map(([code, message]) => [code, { status: 409, message }]),
) as Record<RefusalCode, CatalogueEntry>;

/**
 * Every error code the API can answer with. Codes are stable: clients and forms key on them,
 * so rename never, add freely. The texts live in `error-catalogue.messages.json` (data, edited
 * by whoever words the messages); workflow refusal codes (CASE.*) join them from the workflows,
 * and an entry here wins over a refusal of the same code (CASE.NOT_FOUND is a 404 to the API).
 */
const API_ENTRIES = Object.fromEntries(
  Object.entries(API_ERRORS).map(([code, { status, fa, en }]) => [
    code,
    { status, message: { fa, en } },
  ]),
) as Record<keyof typeof API_ERRORS, CatalogueEntry>;

export const ERROR_CATALOGUE: Record<RefusalCode | keyof typeof API_ERRORS, CatalogueEntry> = {
  ...REFUSAL_ENTRIES,
  ...API_ENTRIES,
};

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, code);
}
