import * as bundle from '.';
import { CASE_WORKFLOW_TYPE, type CaseWorkflow } from './case/case.messages';
import { COMPLAINT_WORKFLOW_TYPE, type ComplaintWorkflow } from './complaint/complaint.messages';
import {
  NOTIFICATION_WORKFLOW_TYPE,
  type NotificationDeliveryWorkflow,
} from './notification/notification.messages';
import { SESSION_WORKFLOW_TYPE, type SessionWorkflow } from './session/session.messages';

/**
 * The API starts workflows by the type names and signatures their messages files declare, never
 * by loading workflow code: these must stay the bundle's own.
 */
describe('the workflow bundle entry', () => {
  it('registers exactly the workflow types the messages files name', () => {
    expect(Object.keys(bundle).sort()).toEqual(
      [
        CASE_WORKFLOW_TYPE,
        SESSION_WORKFLOW_TYPE,
        COMPLAINT_WORKFLOW_TYPE,
        NOTIFICATION_WORKFLOW_TYPE,
      ].sort(),
    );
  });

  it('exports each workflow with the signature its messages file declares', () => {
    // Checked by the compiler: a workflow whose input or result drifts fails the type check.
    const signatures: [
      CaseWorkflow,
      SessionWorkflow,
      ComplaintWorkflow,
      NotificationDeliveryWorkflow,
    ] = [
      bundle.caseWorkflow,
      bundle.commissionSessionWorkflow,
      bundle.complaintWorkflow,
      bundle.notificationDeliveryWorkflow,
    ];
    expect(signatures.every((workflow) => typeof workflow === 'function')).toBe(true);
  });
});
