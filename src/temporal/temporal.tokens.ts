/** Injection token of the Temporal client the API uses. */
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
