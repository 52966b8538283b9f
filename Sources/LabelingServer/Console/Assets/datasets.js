"use strict";
// The datasets: each one's labeling job page is one click away.

async function datasetsView() {
    const list = await api("GET", "datasets?limit=100");
    const rows = list.datasets.map((dataset) => el("tr", { "data-dataset-id": dataset.dataset_id },
        el("td", { class: "name" }, el("a", { href: link({ dataset: dataset.dataset_id }) }, dataset.dataset_name)),
        el("td", { class: "type" }, TYPES[dataset.dataset_type] || `type ${dataset.dataset_type}`),
        el("td", { class: "input" }, el("code", {}, dataset.data_sources.map((source) => source.data_path).join(", "))),
        el("td", { class: "number total" }, dataset.total_sample_count),
        el("td", { class: "number labeled" }, dataset.annotated_sample_count),
        el("td", { class: "number unlabeled" }, dataset.total_sample_count - dataset.annotated_sample_count),
        el("td", {}, el("a", { href: link({ dataset: dataset.dataset_id, view: "labels" }) }, "Label"))));
    return [el("section", { id: "datasets" },
        el("h2", {}, "Datasets"),
        rows.length === 0 ? el("p", { class: "muted" }, "No datasets yet: create one with obslab dataset create or the API.") :
            el("table", {},
                el("thead", {}, el("tr", {}, ["Name", "Type", "Input path"].map((title) => el("th", {}, title)),
                    ["Samples", "Labeled", "Unlabeled"].map((title) => el("th", { class: "number" }, title)), el("th", {}, "Operation"))),
                el("tbody", {}, rows)),
        list.total_number > list.datasets.length
            ? el("p", { class: "muted" }, `The first ${list.datasets.length} of ${list.total_number}.`) : null)];
}
