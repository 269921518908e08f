// What callers see of the programme workflow lives in libs/temporal (the API imports no workflow file).
export type { ProgrammeInput, ProgrammeView } from '@salur/libs/temporal/workflow-contracts';
