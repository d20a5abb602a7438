import { limitsOf, type NumberSchema } from '@shared/number-limits';
import { Field, type FieldProps } from './Field';

/**
 * A labelled number input whose bounds come from the contract's schema for the setting, so the form offers what
 * the service takes: its min and max, and steps of 1 for whole numbers (any step otherwise, unless `step` says).
 */
export function NumberField({
  schema,
  min,
  step,
  title = schema.description,
  ...field
}: Omit<FieldProps, 'type' | 'max'> & {
  /**
   * The setting's number schema in the contract (optional, nullable and default wrappers are looked through); its
   * description, if any, is the hover text unless `title` says otherwise.
   */
  schema: NumberSchema;
  /** Where the arrows stop instead of the schema's least value (which `positive()` itself refuses). */
  min?: number;
}) {
  const limits = limitsOf(schema);
  return (
    <Field
      type="number"
      min={min ?? limits.min}
      max={limits.max}
      step={step ?? (limits.integer ? 1 : 'any')}
      inputMode={limits.integer ? 'numeric' : 'decimal'}
      title={title}
      {...field}
    />
  );
}
