import { AREAS, type AreaId } from './areas';

/** Left navigation between the areas. */
export function NavRail({ active, onSelect }: { active: AreaId; onSelect: (area: AreaId) => void }) {
  return (
    <nav className="nav-rail" aria-label="Areas">
      <div className="brand" aria-label="Cel Studio">
        <span className="brand-mark" aria-hidden="true">
          ◐
        </span>
        <span className="brand-name">Cel Studio</span>
      </div>
      <ul>
        {AREAS.map((area) => (
          <li key={area.id}>
            <button
              type="button"
              className="nav-item"
              data-testid={`nav-${area.id}`}
              aria-current={area.id === active ? 'page' : undefined}
              title={area.hint}
              onClick={() => onSelect(area.id)}
            >
              <span className="nav-icon" aria-hidden="true">
                {area.icon}
              </span>
              <span className="nav-label">{area.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
