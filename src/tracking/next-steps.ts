import type { BilingualMessage } from '../common/errors/error-catalogue';
import type { CaseStage } from '../../workflows/case/case.types';
import NEXT_STEPS from './next-steps.messages.json';

/** What happens next, as the public tracking page tells it: nothing confidential, no names. */
export const NEXT_STEP: Record<CaseStage, BilingualMessage> = NEXT_STEPS;
