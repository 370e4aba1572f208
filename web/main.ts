// Placeholder page until the map lands: shows what the store holds, straight from the API.
const labels: Record<string, string> = {
  interventions: 'Интервенции / Interventions',
  located: 'С местоположение / Located',
  zones: 'Зони / Zones',
  settlements: 'Населени места / Settlements',
};

async function showCounts() {
  const list = document.getElementById('counts')!;
  const response = await fetch('/api/health');
  const health = (await response.json()) as Record<string, number>;
  list.replaceChildren(
    ...Object.entries(labels).flatMap(([key, label]) => {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = String(health[key]);
      return [dt, dd];
    }),
  );
}

showCounts().catch(() => undefined);
