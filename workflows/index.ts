// The workflow bundle's entry: every workflow type the worker registers.
export { caseWorkflow } from './case.workflow';
export { commissionSessionWorkflow } from './session.workflow';
export { complaintWorkflow } from './complaint.workflow';
export { notificationDeliveryWorkflow } from './notification.workflow';
