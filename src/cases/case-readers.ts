/**
 * Who reads case files: the agency's own clerks and the directorate staff whose work needs them.
 * The case endpoints and the case's documents declare it (documents are read as their case is).
 */
export const CASE_READERS = ['CLERK', 'REVIEWER', 'SECRETARY', 'OPERATOR'] as const;
