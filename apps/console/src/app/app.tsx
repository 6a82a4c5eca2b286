import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ProblemError } from '../lib/problem';
import { onSessionChange } from '../lib/session';
import { router } from './router';
import { cssVariables, theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a network hiccup or a 5xx may.
      retry: (count, error) => !(error instanceof ProblemError && error.problem.status >= 400 && error.problem.status < 500) && count < 2,
      staleTime: 5_000,
    },
  },
});

// Nothing of one person's data stays in memory for the next one who signs in on this tab.
onSessionChange(() => queryClient.clear());

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariables} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
