// A generated roster CSV for the browser tests and the browser benchmark: n accounts of mixed kinds,
// creation and last-activity dates, onboarding flags and recorded states (deterministic).
export function rosterCsv(n) {
  const kinds = ['user', 'user', 'user', 'shared', 'application'];
  const states = ['', 'active', 'inactive', 'deleted'];
  const lines = ['id,kind,created,lastActivity,onboarded,recordedState'];
  for (let i = 0; i < n; i += 1) {
    const created = new Date(Date.UTC(2024, 0, 1) + (i % 400) * 86400000).toISOString().slice(0, 10);
    const last = new Date(Date.UTC(2025, 0, 1) + (i % 150) * 86400000).toISOString().slice(0, 10);
    lines.push(`acct-${String(i).padStart(6, '0')},${kinds[i % kinds.length]},${created},${i % 7 === 0 ? '' : last},${i % 11 !== 0},${states[i % states.length]}`);
  }
  return lines.join('\n') + '\n';
}
