// The shared stylesheet first: each component's own CSS (imported beside it) comes after it.
import './styles.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { App } from './app';
import { queryClient } from './lib/hooks';
import { LangProvider } from './lib/i18n';
import { setRouter } from './lib/router';

// One route holds the app; its pages are the <Routes> of App (which reads the session).
const router = setRouter(createBrowserRouter([{ path: '*', element: <App /> }]));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LangProvider>
        <RouterProvider router={router} />
      </LangProvider>
    </QueryClientProvider>
  </StrictMode>,
);
