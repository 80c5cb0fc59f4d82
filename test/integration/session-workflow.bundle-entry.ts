// The workflow bundle the session tests' worker loads: the session workflow alone, so these
// tests do not depend on the case workflow compiling (it is developed alongside).
export { commissionSessionWorkflow } from '../../workflows/session.workflow';
