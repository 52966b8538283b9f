"use strict";
// The labeling job page: the All statuses / Unlabeled / Labeled tabs with counts that follow the filter, the filter
// area, the paged grid of thumbnails with their labels and shapes, and the selection the label areas on the right act on.

const TABS = [["all", "All statuses", null], ["unlabeled", "Unlabeled", "__NONE__"], ["labeled", "Labeled", "__ALL__"]];
const PAGE_SIZE = 40;
const SIZES = [["small", "Small"], ["medium", "Medium"], ["large", "Large"]];
/** The filter's parameters in the address. */
const FILTER_KEYS = ["labels", "op", "name", "dir", "labeler", "hard", "attr", "origin", "time"];
const LABEL_OPS = [["OR", "Any of the labels"], ["AND", "All of the labels"], ["NONE", "None of the labels"]];
const DATA_ATTRIBUTES = [["", "All"], ["inference", "Inference"]];
const CREATION_TIMES = [["", "All"], ["day", "Within one day"], ["month", "Within one month"], ["custom", "Custom range"]];
/** A custom creation time range in the address and the API: `yyyyMMdd-yyyyMMdd`. */
const TIME_RANGE = /^(\d{4})(\d{2})(\d{2})-(\d{4})(\d{2})(\d{2})$/;

/** The page on screen: its dataset, samples and selection, for the label areas and the actions. */
let job = null;

/** The filter of the address: what `search_conditions` says. */
function filterOf(params) {
    const labels = (params.get("labels") || "").split(",").filter(Boolean);
    return { labels, op: params.get("op") || "OR", name: params.get("name") || "", dir: params.get("dir") || "",
        labeler: params.get("labeler") || "", hard: params.get("hard") || "", attr: params.get("attr") || "",
        origin: params.get("origin") || "", time: params.get("time") || "" };
}

/** A sample attribute choice, `name=value` in the address and the select. */
function attributeChoice(name, value) {
    return `${name}=${value}`;
}

/** The filter as the API's `search_conditions` (one condition object; every member must hold), or null for none. */
function searchConditions(filter) {
    const condition = {};
    if (filter.labels.length) condition.label_list = { labels: filter.labels.map((name) => ({ name })), op: filter.op };
    if (filter.name) condition.sample_name = filter.name;
    if (filter.dir) condition.sample_dir = filter.dir;
    if (filter.labeler) condition.labeler = filter.labeler;
    if (filter.hard) condition.hard = filter.hard;
    if (filter.attr.includes("=")) {
        const split = filter.attr.indexOf("=");
        condition.metadata = { op: "OR", props: { [filter.attr.slice(0, split)]: [filter.attr.slice(split + 1)] } };
    }
    if (filter.origin) condition.import_origin = filter.origin;
    if (filter.time) condition.sample_time = filter.time;
    return Object.keys(condition).length ? JSON.stringify([condition]) : null;
}

/** The query of a sample list: a tab's state, the filter, a page. */
function samplesQuery(filter, state, offset, limit) {
    let query = `offset=${offset}&limit=${limit}`;
    if (state) query += `&sample_state=${state}`;
    const conditions = searchConditions(filter);
    if (conditions) query += `&search_conditions=${encodeURIComponent(conditions)}`;
    return query;
}

/** The address parameters of the page (dataset, tab, filter, size), without the page offset. */
function jobParams(params) {
    const kept = { dataset: params.get("dataset"), tab: params.get("tab"), size: params.get("size") };
    for (const key of FILTER_KEYS) kept[key] = params.get(key);
    return kept;
}

async function jobView(params) {
    const id = params.get("dataset");
    const tab = TABS.find(([name]) => name === params.get("tab")) || TABS[0];
    const filter = filterOf(params);
    const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
    const here = jobParams(params);
    const samplesPath = datasetPath(id, "/data-annotations/samples?");
    const [dataset, labels, conditions, versions, diagnosis, ...lists] = await Promise.all([
        api("GET", datasetPath(id)), api("GET", datasetPath(id, "/data-annotations/labels")),
        api("GET", datasetPath(id, "/data-annotations/search-condition")),
        api("GET", datasetPath(id, "/versions")), api("GET", datasetPath(id, "/diagnosis")),
        ...TABS.map(([name, , state]) => api("GET", samplesPath + samplesQuery(filter, state, name === tab[0] ? offset : 0,
            name === tab[0] ? PAGE_SIZE : 1))),
    ]);
    const counts = Object.fromEntries(TABS.map(([name], index) => [name, lists[index].sample_count]));
    const samples = lists[TABS.indexOf(tab)];
    job = { id, dataset, labels: labels.labels, colors: colorsOf(labels.labels), samples: samples.samples, offset, filter, tab,
        here, selected: new Set(), total: counts[tab[0]] };
    return [
        el("p", {}, el("a", { href: "#" }, "← Datasets")),
        el("section", { id: "dataset", "data-dataset-id": id },
            el("h2", {}, dataset.dataset_name),
            el("p", { class: "muted" }, `${TYPES[dataset.dataset_type] || dataset.dataset_type} · input `,
                el("code", {}, dataset.data_sources.map((source) => source.data_path).join(", ")),
                " · output ", el("code", {}, dataset.work_path)),
            el("div", { class: "toolbar" },
                el("button", { type: "button", id: "add-data", onclick: () => addDataDialog(id, dataset) }, "Add data"),
                el("a", { href: link({ dataset: id, view: "history" }), id: "history" }, "View historical records"),
                el("a", { href: link({ dataset: id, view: "labels" }), id: "label-management" }, "Label Management"),
                el("button", { type: "button", id: "sync", onclick: (event) => synchronize(id, event.target) }, "Synchronize New Data"),
                el("span", { id: "sync-status", class: "muted", role: "status" }))),
        diagnosisPanel(diagnosis),
        el("div", { class: "job" },
            el("section", { id: "samples" },
                el("nav", { class: "tabs" }, TABS.map(([name, title]) => el("a", {
                    href: link({ ...here, tab: name === "all" ? null : name }), "data-tab": name,
                    "aria-current": name === tab[0] ? "page" : null,
                }, `${title} (${counts[name]})`))),
                filterArea(job.labels, conditions, filter, here),
                selectionToolbar(here),
                samplesGrid(dataset, here),
                pager(here, offset, samples.samples.length, samples.sample_count)),
            el("aside", {}, el("section", { id: "selected-labels" }), allLabelsArea())),
        versionsPanel(id, versions),
    ];
}

/** The filter criteria the API supports: example type, labels (any, all or none of them), file name, path, labeled by,
 * sample attribute (what auto grouping wrote), data attribute (inference data), sample creation time. `conditions` is
 * what `search-condition` offers. */
function filterArea(labels, conditions, filter, here) {
    const input = (id, value, placeholder, type = "text") => el("input", { type, id, value, placeholder });
    const select = (id, options, value) => el("select", { id },
        options.map(([optionValue, text]) => el("option", { value: optionValue, selected: optionValue === value }, text)));
    const attributes = Object.entries(conditions.metadata || {}).flatMap(([name, values]) =>
        values.map((value) => [attributeChoice(name, value), `${name}: ${value}`]));
    const range = TIME_RANGE.exec(filter.time);
    const dateOf = (year, month, day) => `${year}-${month}-${day}`;
    // The two dates show only for a custom range.
    const timeChoice = select("filter-time", CREATION_TIMES, range ? "custom" : filter.time);
    timeChoice.addEventListener("change", () => {
        timeChoice.parentElement.querySelector(".range").hidden = timeChoice.value !== "custom";
    });
    const form = el("form", { id: "filters", onsubmit: (event) => {
        event.preventDefault();
        const value = (id) => form.querySelector(`#${id}`).value.trim();
        const checked = [...form.querySelectorAll("input[name=filter-label]:checked")].map((box) => box.value);
        const days = [value("filter-time-from"), value("filter-time-to")].map((date) => date.replaceAll("-", ""));
        const time = value("filter-time") === "custom" ? (days.every(Boolean) ? days.join("-") : null) : value("filter-time");
        location.hash = link({ ...here, labels: checked.join(","), op: checked.length ? value("filter-op") : null,
            name: value("filter-name"), dir: value("filter-dir"), labeler: value("filter-labeler"), hard: value("filter-hard"),
            attr: value("filter-attr"), origin: value("filter-origin"), time });
    } },
    el("label", {}, "Example Type", select("filter-hard", [["", "All"], ["1", "Hard example"], ["0", "Non-hard example"]], filter.hard)),
    el("label", {}, "File Name", input("filter-name", filter.name, "part of the object key")),
    el("label", {}, "Path", input("filter-dir", filter.dir, "obs://bucket/folder/")),
    el("label", {}, "Labeled By",
        select("filter-labeler", [["", "All"], ...(conditions.labelers || []).map((name) => [name, name])], filter.labeler)),
    el("label", {}, "Sample Attribute", select("filter-attr", [["", "All"], ...attributes], filter.attr)),
    el("label", {}, "Data Attribute", select("filter-origin", DATA_ATTRIBUTES, filter.origin)),
    el("label", {}, "Sample Creation Time", timeChoice,
        el("span", { class: "range", hidden: !range },
            input("filter-time-from", range ? dateOf(range[1], range[2], range[3]) : "", "from", "date"),
            input("filter-time-to", range ? dateOf(range[4], range[5], range[6]) : "", "to", "date"))),
    el("div", { class: "labels" }, el("strong", {}, "Label"),
        select("filter-op", LABEL_OPS, filter.op),
        labels.length ? labels.map((label) => el("label", {},
            el("input", { type: "checkbox", name: "filter-label", value: label.name, checked: filter.labels.includes(label.name) }),
            labelChip(label, job.colors))) : el("span", { class: "muted" }, "no labels yet")),
    el("div", { class: "toolbar" },
        el("button", { type: "submit", id: "apply-filter", class: "primary" }, "Filter"),
        el("a", { href: link({ dataset: here.dataset, tab: here.tab, size: here.size }), id: "reset-filter" }, "Reset")));
    return form;
}

function selectionToolbar(here) {
    const size = here.size || "medium";
    return el("div", { class: "toolbar" },
        el("button", { type: "button", id: "select-page", onclick: selectPage }, "Select Images on Current Page"),
        el("button", { type: "button", id: "delete", class: "danger", disabled: true, onclick: () => confirmDeletion() }, "Delete"),
        el("span", { id: "selection-count", class: "muted" }),
        el("span", { class: "spacer" }),
        el("label", { for: "thumb-size" }, "Size"),
        el("select", { id: "thumb-size", onchange: (event) => { location.hash = link({ ...hereWithOffset(), size: event.target.value }); } },
            SIZES.map(([value, text]) => el("option", { value, selected: value === size }, text))));
}

function hereWithOffset() {
    return { ...job.here, offset: job.offset || null };
}

function samplesGrid(dataset, here) {
    const kind = dataset.dataset_type;
    const text = kind === 100 || kind === 101;
    const grid = el("div", { id: "grid", class: `grid ${text ? "text" : here.size || "medium"}` });
    if (job.samples.length === 0) return el("p", { class: "muted", id: "no-samples" }, "No samples here.");
    job.samples.forEach((sample, index) => grid.append(sampleCard(sample, kind, job.offset + index)));
    return grid;
}

/** A sample: its checkbox, its image with shapes (or its text, or an audio player), its name and its labels. */
function sampleCard(sample, kind, position) {
    const open = link({ ...job.here, sample: sample.sample_id, at: position });
    const box = el("input", { type: "checkbox", value: sample.sample_id, "aria-label": "select",
        onchange: () => toggleSelection(sample.sample_id, box.checked) });
    const key = sample.source.replace(/^obs:\/\/[^/]+\//, "") + (sample.line ? ` line ${sample.line}` : "");
    let body;
    if (kind === 100 || kind === 101) {
        body = el("a", { href: open, class: "text" }, (sample.sample_data || []).join(" "));
    } else if (kind === 200) {
        body = el("div", { class: "audio" });
        sampleObjectURL(job.id, sample.sample_id)
            .then((url) => body.replaceChildren(el("audio", { controls: true, preload: "none", src: url })))
            .catch((error) => body.replaceChildren(el("span", { class: "unreadable", title: describe(error) }, `${error.status || ""} unreadable`)));
    } else {
        body = el("a", { href: open, class: "thumb" });
        loadThumbnail(sample, body);
    }
    const reason = sample.unlabeled_reason;
    return el("div", { class: "card", "data-sample-id": sample.sample_id, "data-status": sample.sample_status },
        box, body,
        el("div", { class: "name" }, el("a", { href: open }, el("code", {}, key)),
            sample.metadata && sample.metadata["@modelarts:hard"] === 1 ? el("span", { class: "hard" }, " hard example") : null),
        el("div", { class: "labels" }, sample.labels.length ? sample.labels.map((label) => labelChip(label, job.colors)) :
            el("span", { class: "reason", "data-reason": reason ? reason.code : "", title: reason ? reason.message : "" },
                el("code", {}, reason ? reason.code : "unlabeled"), " ", reason ? reason.message : "")));
}

/** The image, then its shapes over it in the image's own pixels; an object the service may not read shows its error. */
async function loadThumbnail(sample, place) {
    const shapes = sample.labels.map(shapeOf).filter(Boolean);
    const [width, height] = extentOf(shapes);
    place.replaceChildren(shapesOverlay(sample.labels, job.colors, width, height));
    let url;
    try {
        url = await sampleObjectURL(job.id, sample.sample_id);
    } catch (error) {
        place.prepend(el("span", { class: "unreadable", title: error.message }, `${error.status || ""} unreadable`));
        return;
    }
    const image = el("img", { src: url, alt: "" });
    image.onload = () => place.replaceChildren(image, shapesOverlay(sample.labels, job.colors, image.naturalWidth, image.naturalHeight));
    image.onerror = () => place.prepend(el("span", { class: "unreadable" }, "no preview"));
}

function pager(here, offset, shown, total) {
    const previous = offset > 0
        ? el("a", { href: link({ ...here, offset: Math.max(0, offset - PAGE_SIZE) || null }), id: "previous-page" }, "← Previous") : null;
    const next = offset + PAGE_SIZE < total ? el("a", { href: link({ ...here, offset: offset + PAGE_SIZE }), id: "next-page" }, "Next →") : null;
    return el("p", { class: "toolbar muted pager" }, previous, `${total ? offset + 1 : 0}–${offset + shown} of ${total}`, next);
}

function toggleSelection(sampleId, selected) {
    if (selected) job.selected.add(sampleId);
    else job.selected.delete(sampleId);
    selectionChanged();
}

/** "Select Images on Current Page": selects every sample of the page, or clears the selection when all are selected. */
function selectPage() {
    const all = job.samples.every((sample) => job.selected.has(sample.sample_id));
    job.selected = new Set(all ? [] : job.samples.map((sample) => sample.sample_id));
    selectionChanged();
}

function selectionChanged() {
    for (const card of document.querySelectorAll(".card[data-sample-id]")) {
        const selected = job.selected.has(card.dataset.sampleId);
        card.classList.toggle("selected", selected);
        card.querySelector("input[type=checkbox]").checked = selected;
    }
    document.getElementById("delete").disabled = job.selected.size === 0;
    document.getElementById("selection-count").textContent = job.selected.size ? `${job.selected.size} selected` : "";
    renderSelectedLabels();
}

function selectedSamples() {
    return job.samples.filter((sample) => job.selected.has(sample.sample_id));
}
