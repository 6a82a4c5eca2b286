import '@mantine/core/styles.css';
import './app/console.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { loadConfig } from './lib/config';

const root = createRoot(document.getElementById('root')!);
loadConfig()
  .then(() => root.render(<App />))
  .catch((error: Error) => {
    root.render(
      <main style={{ fontFamily: 'system-ui', padding: 24 }}>
        <h1>Arbiter cannot start</h1>
        <p role="alert">{error.message}. Reload the page; if it stays, the case API is not answering.</p>
      </main>,
    );
  });
