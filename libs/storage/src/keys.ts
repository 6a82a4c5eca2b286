/** Storage keys are generated from ids, never from the uploader's file name. */
export const evidenceKey = (caseId: string, evidenceId: string): string => `cases/${caseId}/evidence/${evidenceId}`;
