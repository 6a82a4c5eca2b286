import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { takeHandedOverEvidence } from '../../lib/pending-evidence';
import { keys } from '../../lib/query-keys';
import { useSession } from '../../lib/session';
import { addEvidenceFiles, uploaderFor } from './uploader';

/** The case's uploader for the signed-in party; files chosen in the dispute form start here. */
export function useCaseUploader(caseId: string) {
  const session = useSession()!;
  const client = useQueryClient();
  const uppy = useMemo(
    () => uploaderFor(caseId, session.userId, () => void client.invalidateQueries({ queryKey: keys.evidence(caseId) })),
    [caseId, session.userId, client],
  );
  useEffect(() => {
    const handed = takeHandedOverEvidence(caseId);
    if (handed.length) addEvidenceFiles(uppy, handed);
  }, [caseId, uppy]);
  return uppy;
}
