import { Container, Stack, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';

/** A screen: its title (also the document's), then its content top to bottom. */
export function Page({ title, children, size = 'lg', aside }: { title: string; children: ReactNode; size?: 'md' | 'lg' | 'xl'; aside?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Arbiter`;
  }, [title]);
  return (
    <Container size={size} px={{ base: 'xs', sm: 'md' }} py="md">
      <Stack gap="md">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
          <Title order={1} size="h2">
            {title}
          </Title>
          {aside}
        </div>
        {children}
      </Stack>
    </Container>
  );
}
