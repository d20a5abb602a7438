/**
 * Owns the `settings` table: a library's preferences as JSON values under a key. Values are parsed with their
 * contract schema on the way out, so a value written by an older or newer studio that no longer fits reads as
 * unset instead of breaking the caller.
 */
import type { z } from 'zod';
import { DevicePin } from '@shared/devices';
import type { Db, WriteTx } from './database';

/** The keys in use, so two features cannot share one by accident. */
export const SETTING_KEYS = {
  /** The device pinned for training and TensorFlow.js conversion ({@link DevicePin}). */
  devicePin: 'device.pin',
} as const;

type SettingKey = (typeof SETTING_KEYS)[keyof typeof SETTING_KEYS];

/** The value stored under `key` if it parses with `schema`, else undefined (unset, or no longer valid). */
export function getSetting<S extends z.ZodType>(db: Db, key: SettingKey, schema: S): z.output<S> | undefined {
  const text = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** Stores `value` (as JSON) under `key`, replacing what was there. */
export function putSetting(tx: WriteTx, key: SettingKey, value: unknown): void {
  tx.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(value), new Date().toISOString());
}

/** Removes `key`; nothing happens when it is unset. */
export function deleteSetting(tx: WriteTx, key: SettingKey): void {
  tx.prepare('DELETE FROM settings WHERE key = ?').run(key);
}

/** The library's pinned device, or null when none is pinned. */
export function readDevicePin(db: Db): DevicePin | null {
  return getSetting(db, SETTING_KEYS.devicePin, DevicePin) ?? null;
}

/** Pins `pin` (already validated against the contract), or unpins with null. */
export function writeDevicePin(tx: WriteTx, pin: DevicePin | null): void {
  if (pin === null) deleteSetting(tx, SETTING_KEYS.devicePin);
  else putSetting(tx, SETTING_KEYS.devicePin, pin);
}
