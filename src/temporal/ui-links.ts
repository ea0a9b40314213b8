/** Ready-made Web UI queries for the petition workflows, by what ops look for. */
export const OPS_QUERIES: ReadonlyArray<{ label: string; query: string }> = [
  { label: 'overdue cases', query: "Overdue = true AND ExecutionStatus = 'Running'" },
  { label: 'cases at the office (联席办)', query: "SupervisionLevel = 'office'" },
  { label: 'listed cases (挂牌督办)', query: "SupervisionLevel = 'listed'" },
  { label: 'cases of one unit', query: "HandlingUnit = 'qingshan-housing' AND ExecutionStatus = 'Running'" },
];

/** Also: cases due within the week from `today` (the NextDeadline attribute is an instant). */
export function dueThisWeek(today: Date): { label: string; query: string } {
  const until = new Date(today.getTime() + 7 * 86_400_000).toISOString();
  return { label: 'due within 7 days', query: `NextDeadline < '${until}' AND ExecutionStatus = 'Running'` };
}

/** A Web UI link listing the namespace's workflows that match a query. */
export function workflowsLink(uiUrl: string, namespace: string, query: string): string {
  return `${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows?query=${encodeURIComponent(query)}`;
}
