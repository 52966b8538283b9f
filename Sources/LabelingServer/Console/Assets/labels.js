"use strict";
// Labels: "Labels of Selected Images" (rename or delete a label on the selected samples only), "All Labels" (batch modify
// and batch delete), and Label Management (Modify, and Delete with the three delete policies, the impact shown first).

const DELETE_POLICIES = [
    [0, "Delete the label"],
    [1, "Delete the label and objects with only the label"],
    [2, "Delete the label and objects with only the label, and delete the source files"],
];

/** "Labels of Selected Images": each label of the selection with how many selected samples carry it. */
function renderSelectedLabels() {
    const place = document.getElementById("selected-labels");
    if (!place) return;
    const counts = new Map();
    for (const sample of selectedSamples()) {
        for (const name of new Set(sample.labels.map((label) => label.name))) counts.set(name, (counts.get(name) || 0) + 1);
    }
    const rows = [...counts].map(([name, count]) => {
        const row = el("tr", { "data-label": name },
            el("td", {}, labelChip({ name }, job.colors)), el("td", { class: "number" }, count),
            el("td", {},
                el("button", { type: "button", class: "icon edit", title: "Modify", onclick: () => editRow(row, name) }, "✎"),
                el("button", { type: "button", class: "icon delete", title: "Delete", onclick: () => removeFromSelection(name) }, "✕")));
        return row;
    });
    place.replaceChildren(el("h3", {}, "Labels of Selected Images"),
        job.selected.size === 0 ? el("p", { class: "muted" }, "Select images to see and change their labels.") :
            rows.length === 0 ? el("p", { class: "muted" }, "The selected samples have no labels.") :
                el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "Label"), el("th", { class: "number" }, "Samples"),
                    el("th", {}, "Operation"))), el("tbody", {}, rows)));
}

/** The edit icon: the label's name in a text box, and the check mark that renames it on the selected samples. */
function editRow(row, name) {
    const input = el("input", { type: "text", class: "rename", value: name, size: 12 });
    const confirm = el("button", { type: "button", class: "icon confirm", title: "OK",
        onclick: () => renameOnSelection(name, input.value.trim()) }, "✔");
    row.firstChild.replaceChildren(input, confirm);
    input.focus();
}

/** Writes new labels for the selected samples that carry `name`: one `PUT …/data-annotations/samples`. */
async function changeSelection(name, change) {
    const samples = selectedSamples().filter((sample) => sample.labels.some((label) => label.name === name))
        .map((sample) => ({ sample_id: sample.sample_id, labels: change(sample.labels.map(labelForUpdate)) }));
    try {
        const answer = await api("PUT", datasetPath(job.id, "/data-annotations/samples"), { samples });
        const failed = answer.results.filter((result) => !result.success);
        flash = failed.length ? failures(failed)
            : el("p", { class: "notice", role: "status" }, `Changed ${samples.length} sample(s).`);
        render();
    } catch (error) {
        report(error, document.getElementById("selected-labels"));
    }
}

function renameOnSelection(name, newName) {
    if (!newName || newName === name) return renderSelectedLabels();
    return changeSelection(name, (labels) => labels.map((label) => (label.name === name ? { ...label, name: newName } : label)));
}

function removeFromSelection(name) {
    return changeSelection(name, (labels) => labels.filter((label) => label.name !== name));
}

/** The failed items of a batch answer, as an alert. */
function failures(failed) {
    return el("p", { class: "error", role: "alert" }, failed.map((result) => `${result.error_code}: ${result.error_msg}`).join("; "));
}

/** "All Labels": every label of the dataset with its color and sample count, modify and delete. */
function allLabelsArea() {
    const rows = job.labels.map((label) => el("tr", { "data-label": label.name },
        el("td", {}, labelChip(label, job.colors)), el("td", { class: "number" }, label.sample_count ?? ""),
        el("td", {},
            el("button", { type: "button", class: "icon edit", title: "Modify", onclick: () => modifyLabel(job.id, label, job.colors) }, "✎"),
            el("button", { type: "button", class: "icon delete", title: "Delete", onclick: () => deleteLabel(job.id, label.name, 2) }, "✕"))));
    return el("section", { id: "all-labels" }, el("h3", {}, "All Labels"),
        rows.length === 0 ? el("p", { class: "muted" }, "No labels.") :
            el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "Label"), el("th", { class: "number" }, "Samples"), el("th", {}, "Operation"))),
                el("tbody", {}, rows)));
}

/** Modify: a new name and a color, `PUT …/data-annotations/labels/{name}`; the samples carrying it follow. */
async function modifyLabel(datasetId, label, colors) {
    const name = el("input", { type: "text", id: "label-new-name", value: label.name });
    const color = el("input", { type: "color", id: "label-color", value: labelColor(label, colors) });
    const choice = await ask(`Modify label ${label.name}`, [
        el("p", {}, el("label", {}, "Label name ", name)),
        el("p", {}, el("label", {}, "Label color ", color)),
        el("p", { class: "muted" }, "The images with the label added will use the new label name."),
    ], [["OK", "ok", "primary"]], "modify-label");
    if (choice !== "ok") return;
    const property = { "@modelarts:color": color.value };
    if (name.value.trim() && name.value.trim() !== label.name) property["@modelarts:rename_to"] = name.value.trim();
    try {
        await api("PUT", datasetPath(datasetId, `/data-annotations/labels/${encodeURIComponent(label.name)}`), property);
        flash = el("p", { class: "notice", role: "status" }, `Modified label ${label.name}.`);
        render();
    } catch (error) {
        report(error);
    }
}

/** Delete: the dialog's choices (the first `choices` of the three policies), what the chosen one deletes as a dry run
 * answers it, then `POST …/data-annotations/labels/delete?delete_policy=N`. */
async function deleteLabel(datasetId, name, choices) {
    const impact = el("div", { id: "label-impact", role: "status" });
    const radios = DELETE_POLICIES.slice(0, choices).map(([policy, words]) => el("label", { class: "choice" },
        el("input", { type: "radio", name: "delete-policy", value: policy, checked: policy === 0,
            onchange: () => showLabelDeletionImpact(datasetId, name, policy, impact) }), " ", words));
    showLabelDeletionImpact(datasetId, name, 0, impact);
    const choice = await ask(`Delete label ${name}?`, [el("div", {}, radios), impact], [["OK", "ok", "danger"]], "delete-label");
    if (choice !== "ok") return;
    const policy = Number(dialog.querySelector("input[name=delete-policy]:checked").value);
    try {
        const answer = await api("POST", datasetPath(datasetId, `/data-annotations/labels/delete?delete_policy=${policy}`), { labels: [{ name }] });
        const failed = answer.results.filter((result) => !result.success);
        flash = failed.length ? failures(failed)
            : el("p", { class: "notice", role: "status", id: "label-deleted" },
                `Deleted label ${name}` + (answer.sample_ids.length ? ` and ${answer.sample_ids.length} sample(s) with only this label.` : "."));
        render();
    } catch (error) {
        report(error);
    }
}

/** What a label deletion would do, from `dry_run=true`: the samples that go, their source files, other datasets and versions. */
async function showLabelDeletionImpact(datasetId, name, policy, place) {
    place.replaceChildren(el("p", { class: "muted" }, "Checking what this deletes…"));
    try {
        const plan = await api("POST", datasetPath(datasetId, `/data-annotations/labels/delete?delete_policy=${policy}&dry_run=true`),
            { labels: [{ name }] });
        const checked = dialog.querySelector("input[name=delete-policy]:checked");
        if (checked && Number(checked.value) !== policy) return; // another choice was made meanwhile
        place.replaceChildren(...impactDescription(policy === 0 ? null : plan.impact, plan.sample_ids.length, policy));
        place.dataset.policy = policy;
    } catch (error) {
        place.replaceChildren(el("p", { class: "error" }, describe(error)));
    }
}

function impactDescription(impact, sampleCount, policy) {
    if (policy === 0) return [el("p", {}, "The label is removed from every sample; the samples and their files stay.")];
    const parts = [el("p", {}, `${sampleCount} sample(s) have only this label and are deleted.`)];
    if (impact) parts.push(...deletionImpact(impact));
    return parts;
}

/** Label Management: the dataset's labels with Modify and Delete in the Operation column. */
async function labelManagementView(params) {
    const id = params.get("dataset");
    const [dataset, labels] = await Promise.all([api("GET", datasetPath(id)), api("GET", datasetPath(id, "/data-annotations/labels"))]);
    const colors = colorsOf(labels.labels);
    return [
        el("p", {}, el("a", { href: link({ dataset: id }), id: "back-to-job" }, `← ${dataset.dataset_name}`)),
        el("section", { id: "label-management-page" },
            el("h2", {}, "Label Management"),
            labels.labels.length === 0 ? el("p", { class: "muted" }, "No labels.") : el("table", {},
                el("thead", {}, el("tr", {}, el("th", {}, "Label"), el("th", {}, "Color"), el("th", { class: "number" }, "Samples"),
                    el("th", {}, "Operation"))),
                el("tbody", {}, labels.labels.map((label) => el("tr", { "data-label": label.name },
                    el("td", {}, label.name), el("td", {}, labelChip({ name: labelColor(label, colors), property: label.property }, colors)),
                    el("td", { class: "number" }, label.sample_count ?? ""),
                    el("td", {},
                        el("button", { type: "button", class: "modify", onclick: () => modifyLabel(id, label, colors) }, "Modify"), " ",
                        el("button", { type: "button", class: "delete danger", onclick: () => deleteLabel(id, label.name, 3) }, "Delete"))))))),
    ];
}
