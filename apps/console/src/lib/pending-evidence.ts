/**
 * Files chosen in the dispute form, handed to the new case's page, which uploads them (the case must exist
 * before its evidence can). In memory only: a file cannot survive a reload before its upload has begun.
 */
const pending = new Map<string, File[]>();

export function handOverEvidence(caseId: string, files: File[]): void {
  if (files.length) pending.set(caseId, files);
}

export function takeHandedOverEvidence(caseId: string): File[] {
  const files = pending.get(caseId) ?? [];
  pending.delete(caseId);
  return files;
}

export function hasHandedOverEvidence(caseId: string): boolean {
  return pending.has(caseId);
}
