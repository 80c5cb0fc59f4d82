// The workflow bundle's entry: every workflow type the worker registers.
export { caseWorkflow } from './case/case.workflow';
export { commissionSessionWorkflow } from './session/session.workflow';
export { complaintWorkflow } from './complaint/complaint.workflow';
export { notificationDeliveryWorkflow } from './notification/notification.workflow';
