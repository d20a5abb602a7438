import { createContext, useContext, type ReactNode } from 'react';
import type { Transport } from './selectTransport';

const TransportContext = createContext<Transport | null>(null);

/** Makes the chosen transport available to every hook below it. */
export function StudioProvider({ transport, children }: { transport: Transport; children: ReactNode }) {
  return <TransportContext.Provider value={transport}>{children}</TransportContext.Provider>;
}

/** The transport from the nearest {@link StudioProvider}. */
export function useTransport(): Transport {
  const transport = useContext(TransportContext);
  if (!transport) throw new Error('useTransport() needs a <StudioProvider> above it');
  return transport;
}
