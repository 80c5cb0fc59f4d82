// Loaded by path (failureConverterPath) in the API, the worker and the workflow bundle alike,
// so it imports only @temporalio/common.
import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces go into the failure's encoded attributes, so the payload
 * codec encrypts them like any payload: an error that quotes a plate or a name stays private in
 * the workflow history too (docs.temporal.io: failure converter, "encode common attributes").
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
