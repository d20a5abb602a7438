/** The typed contract shared by every side of Cel Studio. */
export * from './contract';
export * from './errors';
export * from './library';
export * from './wire';
export * from './curation';
export * from './training';
export * from './convert';
export * from './devices';
export * from './output-formats';
export * from './paths';
export * from './model-catalog';
export * from './import-defaults';
export * from './file-kinds';
export * from './browse';
export * from './schema-parts';
