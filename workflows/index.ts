export { allocationWorkflow } from './allocation.workflow';
export { programmeWorkflow } from './programme.workflow';
