/** How the renderer reaches the services: transport choice, React context and hooks. */
export { selectTransport, type Transport, type TransportKind } from './selectTransport';
export { StudioProvider, useTransport } from './context';
export { useAction, useConnection, useEvent, useQuery, useStudio, type ActionState, type QueryState } from './hooks';
export { asStudioError, isConnectionLost, ConnectionLostError } from './errors';
export type { ConnectionSnapshot, ConnectionStatus } from './connection';
