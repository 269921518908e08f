export { allocationWorkflow } from './allocation.workflow';
