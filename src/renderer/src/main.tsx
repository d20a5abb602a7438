import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { JobsProvider } from './jobs';
import { selectTransport, StudioProvider } from './transport';
import './styles/base.css';
import './styles/shell.css';
import './styles/ui.css';
import './features/datasets/datasets.css';
import './features/datasets/curation/curation.css';
import './features/training/training.css';

// Chosen once, before the first render, so the web token leaves the address bar immediately.
const transport = selectTransport();

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <StudioProvider transport={transport}>
      <JobsProvider>
        <App />
      </JobsProvider>
    </StudioProvider>
  </StrictMode>,
);
