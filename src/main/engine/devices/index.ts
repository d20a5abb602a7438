/**
 * The device doctor: which GPUs, tfjs backends and ONNX Runtime providers this machine has, which device training
 * and conversion will use (with the library's pin and CEL_STUDIO_BACKEND applied), and how to fix what is missing.
 * The scan runs in a process of its own (./probe-entry.ts).
 */
export { DeviceDoctor, type DeviceDoctorOptions, builtDeviceProbe, runDeviceProbe, PROBE_ENTRY_FILE } from './device-doctor';
export { buildDeviceReport, chooseTfjsDevice, deviceEnv, type DeviceEnv } from './device-report';
export type { BackendProbe, DeviceProbe } from './device-probe';
export { backendFix, gpuDriverFix, FORCE_SOFTWARE } from './fix-hints';
export { pinnedSelectOptions } from './pin-options';
