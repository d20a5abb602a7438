/** The settings table: JSON values under a key, read back through their contract schema; the pinned device. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openLibraryDb } from '../../../src/main/services/library/database';
import { getSetting, putSetting, readDevicePin, SETTING_KEYS, writeDevicePin } from '../../../src/main/services/library/settings-table';
import { tempDir } from '../../support/temp-dir';

function openDb() {
  return openLibraryDb(join(tempDir(), 'library.sqlite'));
}

describe('settings table', () => {
  it('reads nothing before a value is written, then the newest value', () => {
    const lib = openDb();
    const schema = z.object({ backend: z.string() });
    expect(getSetting(lib.db, SETTING_KEYS.devicePin, schema)).toBeUndefined();
    lib.write((tx) => putSetting(tx, SETTING_KEYS.devicePin, { backend: 'wasm' }));
    lib.write((tx) => putSetting(tx, SETTING_KEYS.devicePin, { backend: 'cpu' }));
    expect(getSetting(lib.db, SETTING_KEYS.devicePin, schema)).toEqual({ backend: 'cpu' });
    expect(lib.db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(1);
    lib.close();
  });

  it('pins and unpins a device, and the pin survives reopening the library', () => {
    const file = join(tempDir(), 'library.sqlite');
    const lib = openLibraryDb(file);
    expect(readDevicePin(lib.db)).toBeNull();
    lib.write((tx) => writeDevicePin(tx, { backend: 'webgpu', adapter: 'RTX 4090' }));
    lib.close();
    const again = openLibraryDb(file);
    expect(readDevicePin(again.db)).toEqual({ backend: 'webgpu', adapter: 'RTX 4090' });
    again.write((tx) => writeDevicePin(tx, null));
    expect(readDevicePin(again.db)).toBeNull();
    again.close();
  });

  it('reads a stored value that no longer fits its schema (or is not JSON) as unset', () => {
    const lib = openDb();
    lib.db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 'now')`).run(SETTING_KEYS.devicePin, '{"backend":"metal"}');
    expect(readDevicePin(lib.db)).toBeNull();
    lib.db.prepare(`UPDATE settings SET value = 'not json' WHERE key = ?`).run(SETTING_KEYS.devicePin);
    expect(readDevicePin(lib.db)).toBeNull();
    lib.close();
  });
});
