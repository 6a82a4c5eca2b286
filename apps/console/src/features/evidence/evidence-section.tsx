import { Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { QueryState } from '../../components/loading';
import { Section } from '../../components/section';
import type { Case } from '../../lib/case-query';
import { hasHandedOverEvidence } from '../../lib/pending-evidence';
import { type Role, useSession } from '../../lib/session';
import { AddEvidence } from './add-evidence';
import { EvidenceGallery } from './evidence-gallery';
import { EvidenceViewer } from './evidence-viewer';
import { evidenceWindowOpen } from './evidence-window';
import { hasUploader, hasUploadsUnderWay } from './uploader';
import { UploadList } from './upload-list';
import { useCaseUploader } from './use-case-uploader';
import { type Evidence, useEvidence } from './use-evidence';

/** The case's evidence: both sides' items side by side for staff; for a party, theirs to add to as well. */
export function EvidenceSection({ theCase, role }: { theCase: Case; role: Role }) {
  const evidence = useEvidence(theCase.id);
  // The open item by id: the viewer shows it as the list has it now (a derivative made meanwhile shows up).
  const [openId, setOpenId] = useState<string | null>(null);
  const session = useSession()!;
  const party = role === 'buyer' || role === 'supplier' ? role : null;
  // An upload already under way stays in view even if the window closes meanwhile (the service says what became of it).
  const mayUpload = !!party && (evidenceWindowOpen(theCase, party, Date.now()) || hasUploadsUnderWay(theCase.id, session.userId));
  const closedToParty = !!party && !mayUpload && ['under_review', 'decided', 'appealed'].includes(theCase.status);
  // An item still waiting for its bytes is its uploader's business (its progress shows in Uploads).
  const shown = (evidence.data ?? []).filter((item) => item.status !== 'pending_upload');
  const newSince = theCase.decision?.decidedAt;
  const open = shown.find((item) => item.id === openId) ?? null;
  return (
    <Section title="Evidence">
      <Stack gap="md">
        {mayUpload && <PartyUploads caseId={theCase.id} />}
        {closedToParty && (
          <Text size="sm" c="dimmed">
            {theCase.status === 'decided'
              ? 'The case is decided: if you appeal, you can add evidence again until a reviewer takes the appeal.'
              : 'Your evidence window is closed. If the specialist or reviewer asks you for more, you can add it here again.'}
          </Text>
        )}
        {!evidence.data ? (
          <QueryState error={evidence.error} label="Loading evidence" />
        ) : (
          <Grid gap="md">
            {(['buyer', 'supplier'] as const).map((party) => (
              <Grid.Col key={party} span={{ base: 12, md: 6 }}>
                <PartyColumn
                  title={party === 'buyer' ? 'Buyer evidence' : 'Supplier evidence'}
                  items={shown.filter((item) => item.party === party)}
                  onOpen={(item) => setOpenId(item.id)}
                  newSince={role === 'reviewer' ? newSince : undefined}
                  emptyText={party === role ? 'You have added no evidence yet.' : `The ${party} has added no evidence yet.`}
                />
              </Grid.Col>
            ))}
          </Grid>
        )}
      </Stack>
      <EvidenceViewer item={open} onClose={() => setOpenId(null)} />
    </Section>
  );
}

/** The uploader (Uppy) is made only when there is something to upload: the page stays quick to show. */
function PartyUploads({ caseId }: { caseId: string }) {
  const session = useSession()!;
  const [active, setActive] = useState(() => hasUploader(caseId, session.userId) || hasHandedOverEvidence(caseId));
  const [openedByClick, setOpenedByClick] = useState(false);
  if (!active) {
    return (
      <Button variant="light" style={{ alignSelf: 'flex-start' }} onClick={() => (setOpenedByClick(true), setActive(true))}>
        Add evidence
      </Button>
    );
  }
  return <ActiveUploads caseId={caseId} initiallyOpen={openedByClick} />;
}

function ActiveUploads({ caseId, initiallyOpen }: { caseId: string; initiallyOpen: boolean }) {
  const uppy = useCaseUploader(caseId);
  return (
    <Stack gap="sm">
      <AddEvidence uppy={uppy} initiallyOpen={initiallyOpen} />
      <UploadList uppy={uppy} />
    </Stack>
  );
}

function PartyColumn({ title, items, onOpen, emptyText, newSince }: { title: string; items: Evidence[]; onOpen(item: Evidence): void; emptyText: string; newSince?: string }) {
  const id = useId();
  return (
    <Paper component="section" aria-labelledby={id} p="sm" radius="md" bg="gray.0">
      <Group gap={6} mb="xs">
        <Title order={3} size="h5" id={id}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {items.length} {items.length === 1 ? 'item' : 'items'}
        </Text>
      </Group>
      <EvidenceGallery items={items} onOpen={onOpen} emptyText={emptyText} newSince={newSince} />
    </Paper>
  );
}
