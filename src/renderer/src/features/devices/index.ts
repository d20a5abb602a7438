/** Devices area: the device doctor and the pinned device. */
export { DevicesPage } from './DevicesPage';
