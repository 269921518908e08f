/**
 * Every Temporal name shared by the API, the worker and the workflows, defined once.
 * Pure values only: workflow code imports this file.
 */
export const WorkflowTypes = {
  allocation: 'allocationWorkflow',
} as const;

export const Queries = {
  allocationStatus: 'allocationStatus',
} as const;
