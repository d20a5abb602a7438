/** Small presentational building blocks shared by every area. */
export { Button } from './Button';
export { Checkbox } from './Checkbox';
export { Citation } from './Citation';
export { ErrorBoundary } from './ErrorBoundary';
export { ErrorMessage, isFieldError } from './ErrorMessage';
export { Field } from './Field';
export { FieldFrame } from './FieldFrame';
export { Panel } from './Panel';
export { PathField } from './PathField';
export { Placeholder } from './Placeholder';
export { ProgressBar } from './ProgressBar';
export { Select } from './Select';
export { Tabs } from './Tabs';
export { TextArea } from './TextArea';
