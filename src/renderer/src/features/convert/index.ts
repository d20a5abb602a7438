/** Convert (video) area. */
export { ConvertPage } from './ConvertPage';
