import './styles/base.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app';

const container = document.getElementById('root');
if (!container) {
  throw new Error(
    'index.html has no #root element; the screen has nowhere to render.',
  );
}

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
