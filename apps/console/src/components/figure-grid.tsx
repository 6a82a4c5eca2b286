import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Figure {
  label: string;
  value: ReactNode;
  /** Under the value: the rule it is measured against, for instance. */
  note?: string;
}

/** Figures as a description list of tiles: each a label over its value (a supplier's standing, its responsiveness). */
export function FigureGrid({ figures }: { figures: Figure[] }) {
  return (
    <dl className="figure-grid">
      {figures.map((f) => (
        <div key={f.label}>
          <Text component="dt" size="xs" c="dimmed">
            {f.label}
          </Text>
          <dd>{f.value}</dd>
          {f.note && (
            <Text component="dd" size="xs" c="dimmed" fw={400}>
              {f.note}
            </Text>
          )}
        </div>
      ))}
    </dl>
  );
}
