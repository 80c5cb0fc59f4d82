import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes the case workflows keep current, for operators' visibility queries.
 * None carries personal data. The dev server registers these at start (scripts/dev-stack.ts);
 * an external cluster registers them with `npm run temporal:search-attributes`.
 */
export const CASE_STAGE = defineSearchAttributeKey('CaseStage', SearchAttributeType.KEYWORD);
export const REQUEST_TYPE = defineSearchAttributeKey('RequestType', SearchAttributeType.KEYWORD);
export const AGENCY_ID = defineSearchAttributeKey('AgencyId', SearchAttributeType.KEYWORD);
export const SLA_BREACHED = defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL);
export const TRACKING_CODE = defineSearchAttributeKey('TrackingCode', SearchAttributeType.KEYWORD);

/** Name → Temporal CLI type, as `temporal server start-dev --search-attribute` expects them. */
export const SEARCH_ATTRIBUTE_DEFINITIONS: Readonly<Record<string, 'Keyword' | 'Bool'>> = {
  [CASE_STAGE.name]: 'Keyword',
  [REQUEST_TYPE.name]: 'Keyword',
  [AGENCY_ID.name]: 'Keyword',
  [SLA_BREACHED.name]: 'Bool',
  [TRACKING_CODE.name]: 'Keyword',
};
