import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Page } from '../components/page';

export function NotFoundRoute() {
  return (
    <Page title="Nothing here">
      <Text>
        This page does not exist, or is not yours to see. <Anchor component={Link} to="/">Go to your start page</Anchor>.
      </Text>
    </Page>
  );
}
