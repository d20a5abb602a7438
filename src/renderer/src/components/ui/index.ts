/** Small presentational building blocks shared by every area. */
export { Button } from './Button';
export { Checkbox } from './Checkbox';
export { Citation } from './Citation';
export { ErrorBoundary } from './ErrorBoundary';
export { ErrorMessage, isFieldError, namesField } from './ErrorMessage';
export { Field, type FieldProps } from './Field';
export { Form, useFormEdited, useFormProblem, useNamedProblem, type FormProblem } from './Form';
export { FieldFrame } from './FieldFrame';
export { NumberField } from './NumberField';
export { OpenPathForm } from './OpenPathForm';
export { Panel } from './Panel';
export { PathField } from './PathField';
export { Placeholder } from './Placeholder';
export { ProgressBar } from './ProgressBar';
export { Select, type SelectOption } from './Select';
export { Tabs } from './Tabs';
export { TextArea } from './TextArea';
