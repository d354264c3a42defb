import {html} from "npm:htl";

/** nvidia-smi capture as a GPU × metric table (values with units; N/A shown as "—"). */
export function MetricsTable(rows, {metrics} = {}) {
  const gpus = [...new Set(rows.map((d) => d.gpu))];
  const names = metrics ?? [...new Set(rows.map((d) => d.metric))];
  const cell = (gpu, metric) => {
    const d = rows.find((r) => r.gpu === gpu && r.metric === metric);
    if (!d) return "";
    if (d.value === null || Number.isNaN(d.value)) return d.text && !/N\/A/.test(d.text) ? d.text : "—";
    return `${d.value}${d.unit ? " " + d.unit : ""}`;
  };
  return html`<table>
    <thead><tr><th>GPU</th>${names.map((m) => html`<th>${m}</th>`)}</tr></thead>
    <tbody>${gpus.map((g) => html`<tr><td>${g}</td>${names.map((m) => html`<td>${cell(g, m)}</td>`)}</tr>`)}</tbody>
  </table>`;
}
