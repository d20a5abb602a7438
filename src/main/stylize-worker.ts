/**
 * Entry of a stylize worker thread (started by the host's threaded engines, ../engine/stylize/threaded-engine):
 * one style engine runs here, so a frame that takes seconds of synchronous work never stalls the services'
 * event loop (UI calls, job heartbeats).
 */
import { parentPort } from 'node:worker_threads';
import { serveStyleEngine } from './engine/stylize/engine-server';

if (!parentPort) throw new Error('stylize-worker must be started as a worker thread');
serveStyleEngine(parentPort);
