import type { FieldErrors, FieldValues } from 'react-hook-form';
import type { TFunction } from 'i18next';
import { ApiError, say } from '../api/problem';
import type { SummaryItem } from './ErrorSummary';

/**
 * One list of what is wrong with a form, in the reader's language: the browser-side checks
 * (react-hook-form, messages are i18n keys) and the service's answer (problem+json details,
 * named by the request's field path, which is also the form's field name).
 */
export interface FormProblems {
  /** The message to show under a field, if any. */
  field(name: string): string | undefined;
  /** Every problem, for the summary: field problems link to `inputId(name)`. */
  summary: SummaryItem[];
}

export function formProblems<T extends FieldValues>(
  options: {
    errors: FieldErrors<T>;
    serverError: unknown;
    fields: readonly string[];
    inputId: (name: string) => string;
    /** Each field's label: a browser-side message may name its field (`{{field}}`). */
    labels?: Partial<Record<string, string>>;
  },
  t: TFunction,
  language: string,
): FormProblems {
  const { errors, serverError, fields, inputId, labels = {} } = options;
  const own = new Map<string, string>();
  for (const name of fields) {
    const message = (errors as Record<string, { message?: unknown } | undefined>)[name]?.message;
    if (typeof message === 'string' && message)
      own.set(name, t(message, { field: labels[name] ?? name }));
  }
  // Every message the service gave for a field (a password can break several rules at once).
  const server = new Map<string, string[]>();
  const general: string[] = [];
  if (serverError instanceof ApiError) {
    const { problem } = serverError;
    for (const detail of problem.details) {
      const message = say(detail.message, language);
      if (fields.includes(detail.field))
        server.set(detail.field, [...(server.get(detail.field) ?? []), message]);
      else general.push(message);
    }
    if (server.size === 0 || general.length > 0) general.unshift(say(problem.message, language));
  } else if (serverError) {
    general.push(t('app.genericError'));
  }
  const messagesOf = (name: string): string[] => {
    const mine = own.get(name);
    return mine ? [mine] : (server.get(name) ?? []);
  };
  const field = (name: string) => messagesOf(name).join(' ') || undefined;
  const summary: SummaryItem[] = [
    ...general.map((message) => ({ message })),
    ...fields.flatMap((name) =>
      messagesOf(name).map((message) => ({ inputId: inputId(name), message })),
    ),
  ];
  return { field, summary };
}
