/** A row of tabs over one panel; each tab's test id is `${testIdPrefix}-${id}`. */
export function Tabs<T extends string>({
  tabs,
  active,
  onSelect,
  label,
  testIdPrefix,
}: {
  tabs: readonly { id: T; label: string; hint?: string }[];
  active: T;
  onSelect: (id: T) => void;
  label: string;
  testIdPrefix: string;
}) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          className="tab"
          aria-selected={tab.id === active}
          title={tab.hint}
          data-testid={`${testIdPrefix}-${tab.id}`}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
