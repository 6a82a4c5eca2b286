import { Button, Group, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import type { Problem } from '../lib/problem';
import { ProblemAlert } from './problem-alert';

interface ActionDialogProps {
  opened: boolean;
  title: string;
  submitLabel: string;
  pending: boolean;
  problem: Problem | null;
  onSubmit(): void;
  onClose(): void;
  children?: ReactNode;
  color?: string;
}

/** A dialog holding one action's form: its fields, the refusal that is nobody's field, Cancel and the action. */
export function ActionDialog({ opened, title, submitLabel, pending, problem, onSubmit, onClose, children, color }: ActionDialogProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {children}
          <ProblemAlert problem={problem} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} color={color}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
