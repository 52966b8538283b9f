/// The web console's files, served at `/console`, `/console/style.css` and `/console/app.js`. Each literal is the file's
/// text as it is served (kept here rather than as resources so that the package needs no resource declaration).
enum ConsoleAssets {
    /// The page: a header, the view the script draws, and the confirmation dialog.
    static let indexHTML = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>obslab console</title>
<link rel="stylesheet" href="/console/style.css">
</head>
<body>
<header>
  <a class="brand" href="#">obslab</a>
  <span class="subtitle">labeling console</span>
  <button id="forget-token" type="button">Change token</button>
</header>
<main id="main" data-state="loading"><p>Loading…</p></main>
<dialog id="confirm"></dialog>
<script src="/console/app.js"></script>
</body>
</html>
"""#

    /// The page's style.
    static let styleCSS = #"""
:root { --line: #d0d7de; --muted: #57606a; --accent: #0969da; --bad: #cf222e; --warn-bg: #fff8c5; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: #1f2328; background: #f6f8fa; }
header { display: flex; align-items: center; gap: 12px; padding: 10px 20px; background: #24292f; color: #fff; }
header .brand { color: #fff; font-weight: 600; font-size: 16px; text-decoration: none; }
header .subtitle { color: #c9d1d9; flex: 1; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 20px 40px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 12px 0; }
h2 { margin: 4px 0 8px; }
h3 { margin: 0 0 8px; font-size: 15px; }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.number, th.number { text-align: right; }
button { font: inherit; padding: 4px 12px; border: 1px solid var(--line); border-radius: 6px; background: #f6f8fa; cursor: pointer; }
button:disabled { opacity: .5; cursor: default; }
button.danger { color: #fff; background: var(--bad); border-color: var(--bad); }
.muted { color: var(--muted); }
.error { color: var(--bad); font-weight: 600; }
.notice { background: var(--warn-bg); border: 1px solid #d4a72c; border-radius: 6px; padding: 8px 12px; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; margin: 8px 0; }
nav.tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--line); margin-bottom: 8px; }
nav.tabs a { padding: 6px 12px; text-decoration: none; color: #1f2328; border-bottom: 2px solid transparent; }
nav.tabs a[aria-current="page"] { border-bottom-color: #fd8c73; font-weight: 600; }
.label { display: inline-block; margin: 0 4px 2px 0; padding: 0 8px; border-radius: 10px; border: 1px solid var(--line);
         background: #ddf4ff; font-size: 12px; }
.label .swatch { display: inline-block; width: 9px; height: 9px; margin-right: 4px; border-radius: 50%; }
.reason code { background: #ffebe9; color: var(--bad); padding: 0 4px; border-radius: 4px; }
.thumb { width: 64px; height: 48px; }
.thumb img { max-width: 64px; max-height: 48px; }
.thumb .unreadable { font-size: 11px; color: var(--bad); }
pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; overflow-x: auto; margin: 4px 0; }
dialog { max-width: 720px; border: 1px solid var(--line); border-radius: 8px; }
dialog::backdrop { background: rgba(0, 0, 0, .3); }
#token-form { max-width: 480px; }
#token-form input { width: 100%; padding: 6px; margin: 6px 0 10px; font: inherit; }
"""#

    /// The console itself: it calls the API with the token and draws the datasets, a dataset's samples, its
    /// diagnosis and versions, and the deletion dialog.
    static let appJS = #"""
"use strict";
// The obslab web console: a client of the ModelArts-style API of this server, reading the same JSON as the CLI.
// The address after "#" says what to show: "" the datasets, "dataset=ID&tab=unlabeled&label=cat&offset=50" a dataset.
// "token=…" there is taken as the API token (then removed from the address), for links and headless browsers.

const PROJECT = "console"; // {project_id}: obslab accepts any
const TOKEN_KEY = "obslab.apiToken";
const PAGE_SIZE = 50;
const TYPES = { 0: "Image classification", 1: "Object detection", 3: "Image segmentation", 100: "Text classification",
    101: "Named entity", 200: "Sound classification" };
const TABS = [["all", "All statuses", null], ["unlabeled", "Unlabeled", "__NONE__"], ["labeled", "Labeled", "__ALL__"]];

const main = document.getElementById("main");
const dialog = document.getElementById("confirm");
let renderTicket = 0; // a newer render makes older ones stop before they draw
let objectURLs = []; // thumbnails of the current page, released on the next render
let flash = null; // a message that survives the next render: the outcome of a sync, a deletion, a publication

class APIError extends Error {
    constructor(status, code, message) {
        super(message);
        this.status = status;
        this.code = code;
    }
}

function token() {
    return sessionStorage.getItem(TOKEN_KEY);
}

/** Calls the API with the token; a failure becomes an APIError with the ModelArts error code and message. */
async function api(method, path, body) {
    const response = await fetch(`/v2/${PROJECT}/${path}`, {
        method,
        headers: { "X-Auth-Token": token() || "", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json = {};
    try {
        json = text ? JSON.parse(text) : {};
    } catch {
        json = { error_msg: text };
    }
    if (!response.ok) throw new APIError(response.status, json.error_code || "", json.error_msg || response.statusText);
    return json;
}

/** An element with attributes, listeners (`onclick`) and children (strings become text, never HTML). */
function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) continue;
        if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
        else if (name === "class") node.className = value;
        else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
        if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
    }
    return node;
}

function hashParams() {
    return new URLSearchParams(location.hash.slice(1));
}

function link(params) {
    const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== null && value !== undefined && value !== ""));
    return "#" + query.toString();
}

function describe(error) {
    if (error instanceof APIError) return `${error.status} ${error.code}: ${error.message}`;
    return String(error && error.message ? error.message : error);
}

/** Shows a failure where it happened; a 401 forgets the token and asks for it again. */
function report(error, place = main) {
    if (error instanceof APIError && error.status === 401) {
        sessionStorage.removeItem(TOKEN_KEY);
        showTokenForm(`The API answered 401 Unauthorized (${error.code}): ${error.message}`);
    } else {
        place.replaceChildren(el("p", { class: "error", role: "alert" }, describe(error)));
        main.dataset.state = "ready";
    }
}

function showTokenForm(problem) {
    const input = el("input", { type: "password", id: "token", name: "token", autocomplete: "off", value: "" });
    const form = el("form", { id: "token-form", onsubmit: (event) => {
        event.preventDefault();
        sessionStorage.setItem(TOKEN_KEY, input.value.trim());
        render();
    } },
    el("h2", {}, "API token"),
    el("p", {}, "The labeling API needs the X-Auth-Token that ", el("code", {}, "obslab serve"), " prints at start-up. ",
        "The console keeps it in this tab only (sessionStorage)."),
    problem ? el("p", { class: "error", id: "token-problem", role: "alert" }, problem) : null,
    el("label", { for: "token" }, "Token"), input,
    el("button", { type: "submit" }, "Use this token"));
    main.replaceChildren(form);
    main.dataset.state = "token";
    input.focus();
}

async function render() {
    const ticket = ++renderTicket;
    objectURLs.forEach(URL.revokeObjectURL);
    objectURLs = [];
    if (!token()) return showTokenForm();
    main.dataset.state = "loading";
    const params = hashParams();
    try {
        const view = params.has("dataset") ? await datasetView(params) : await datasetsView();
        if (ticket !== renderTicket) return;
        const message = flash;
        flash = null;
        main.replaceChildren(...[message, ...view].filter(Boolean));
        main.dataset.state = "ready";
    } catch (error) {
        if (ticket === renderTicket) report(error);
    }
}

// Datasets

async function datasetsView() {
    const list = await api("GET", "datasets?limit=100");
    const rows = list.datasets.map((dataset) => el("tr", { "data-dataset-id": dataset.dataset_id },
        el("td", { class: "name" }, el("a", { href: link({ dataset: dataset.dataset_id }) }, dataset.dataset_name)),
        el("td", { class: "type" }, TYPES[dataset.dataset_type] || `type ${dataset.dataset_type}`),
        el("td", { class: "input" }, el("code", {}, dataset.data_sources.map((source) => source.data_path).join(", "))),
        el("td", { class: "number total" }, dataset.total_sample_count),
        el("td", { class: "number labeled" }, dataset.annotated_sample_count),
        el("td", { class: "number unlabeled" }, dataset.total_sample_count - dataset.annotated_sample_count)));
    return [el("section", { id: "datasets" },
        el("h2", {}, "Datasets"),
        rows.length === 0 ? el("p", { class: "muted" }, "No datasets yet: create one with obslab dataset create or the API.") :
            el("table", {},
                el("thead", {}, el("tr", {}, ["Name", "Type", "Input path"].map((title) => el("th", {}, title)),
                    ["Samples", "Labeled", "Unlabeled"].map((title) => el("th", { class: "number" }, title)))),
                el("tbody", {}, rows)),
        list.total_number > list.datasets.length
            ? el("p", { class: "muted" }, `The first ${list.datasets.length} of ${list.total_number}.`) : null)];
}

// One dataset

async function datasetView(params) {
    const id = params.get("dataset");
    const tab = TABS.find(([name]) => name === params.get("tab")) || TABS[0];
    const label = params.get("label") || "";
    const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
    let query = `offset=${offset}&limit=${PAGE_SIZE}`;
    if (tab[2]) query += `&sample_state=${tab[2]}`;
    if (label) query += "&search_conditions=" + encodeURIComponent(JSON.stringify([{ label_list: { labels: [{ name: label }] } }]));
    const base = `datasets/${encodeURIComponent(id)}`;
    const [dataset, samples, versions, diagnosis] = await Promise.all([
        api("GET", base), api("GET", `${base}/data-annotations/samples?${query}`),
        api("GET", `${base}/versions`), api("GET", `${base}/diagnosis`),
    ]);
    const counts = { all: dataset.total_sample_count, labeled: dataset.annotated_sample_count,
        unlabeled: dataset.total_sample_count - dataset.annotated_sample_count };
    const here = { dataset: id, tab: tab[0] === "all" ? null : tab[0], label };
    return [
        el("p", {}, el("a", { href: "#" }, "← Datasets")),
        el("section", { id: "dataset", "data-dataset-id": id },
            el("h2", {}, dataset.dataset_name),
            el("p", { class: "muted" }, `${TYPES[dataset.dataset_type] || dataset.dataset_type} · input `,
                el("code", {}, dataset.data_sources.map((source) => source.data_path).join(", ")),
                " · output ", el("code", {}, dataset.work_path)),
            el("div", { class: "toolbar" },
                el("button", { type: "button", id: "sync", onclick: (event) => synchronize(base, event.target) }, "Synchronize New Data"),
                el("span", { id: "sync-status", class: "muted", role: "status" }))),
        diagnosisPanel(diagnosis),
        el("section", { id: "samples" },
            el("nav", { class: "tabs" }, TABS.map(([name, title]) => el("a", {
                href: link({ ...here, tab: name === "all" ? null : name }), "data-tab": name,
                "aria-current": name === tab[0] ? "page" : null,
            }, `${title} (${counts[name]})`))),
            labelFilter(dataset.labels || [], here),
            samplesTable(base, dataset, samples, here, offset)),
        versionsPanel(base, versions),
    ];
}

function labelFilter(labels, here) {
    const select = el("select", { id: "label-filter", onchange: (event) => { location.hash = link({ ...here, label: event.target.value }); } },
        el("option", { value: "" }, "All labels"),
        labels.map((label) => el("option", { value: label.name, selected: label.name === here.label }, label.name)));
    return el("div", { class: "toolbar" }, el("label", { for: "label-filter" }, "Label"), select);
}

/** A label with its color: the sample's own, else the one of the dataset's label set. */
function labelChip(label, colors) {
    const color = (label.property && label.property["@modelarts:color"]) || colors[label.name];
    const swatch = el("span", { class: "swatch" });
    if (color) swatch.style.setProperty("background", color);
    return el("span", { class: "label", "data-label": label.name, "data-color": color || null }, color ? swatch : null, label.name);
}

function samplesTable(base, dataset, samples, here, offset) {
    const images = dataset.dataset_type === 0 || dataset.dataset_type === 1;
    const colors = Object.fromEntries((dataset.labels || []).map((label) => [label.name, label.property && label.property["@modelarts:color"]]));
    const boxes = [];
    const deleteSource = el("input", { type: "checkbox", id: "delete-source" });
    const deleteButton = el("button", { type: "button", id: "delete", class: "danger", disabled: true,
        onclick: () => confirmDeletion(base, boxes.filter((box) => box.checked).map((box) => box.value), deleteSource.checked) }, "Delete");
    const rows = samples.samples.map((sample) => {
        const box = el("input", { type: "checkbox", value: sample.sample_id, "aria-label": "select",
            onchange: () => { deleteButton.disabled = !boxes.some((each) => each.checked); } });
        boxes.push(box);
        const key = sample.source.replace(/^obs:\/\/[^/]+\//, "") + (sample.line ? ` line ${sample.line}` : "");
        const thumb = el("td", { class: "thumb" });
        if (images) loadThumbnail(`${base}/data-annotations/samples/${encodeURIComponent(sample.sample_id)}/content`, thumb);
        const reason = sample.unlabeled_reason;
        return el("tr", { "data-sample-id": sample.sample_id, "data-status": sample.sample_status },
            el("td", {}, box),
            images ? thumb : null,
            el("td", { class: "sample-key" }, el("code", {}, key),
                sample.sample_data ? el("div", { class: "muted" }, sample.sample_data.join(" ")) : null),
            el("td", { class: "sample-labels" }, sample.labels.length ? sample.labels.map((label) => labelChip(label, colors)) :
                el("span", { class: "reason", "data-reason": reason ? reason.code : "" },
                    el("code", {}, reason ? reason.code : "unlabeled"), " ", reason ? reason.message : "")));
    });
    const previous = offset > 0 ? el("a", { href: link({ ...here, offset: Math.max(0, offset - PAGE_SIZE) || null }) }, "← Previous") : null;
    const next = offset + PAGE_SIZE < samples.sample_count ? el("a", { href: link({ ...here, offset: offset + PAGE_SIZE }) }, "Next →") : null;
    return el("div", {},
        el("div", { class: "toolbar" }, deleteButton, el("label", {}, deleteSource, " Delete the source files from OBS")),
        rows.length === 0 ? el("p", { class: "muted", id: "no-samples" }, "No samples here.") :
            el("table", {},
                el("thead", {}, el("tr", {}, el("th", {}), images ? el("th", {}) : null, el("th", {}, "Sample"), el("th", {}, "Labels"))),
                el("tbody", {}, rows)),
        el("p", { class: "toolbar muted" }, previous,
            `${samples.sample_count ? offset + 1 : 0}–${offset + samples.samples.length} of ${samples.sample_count}`, next));
}

/** Fetches a sample's object with the token (an <img> could not send it); a refused read shows the storage's error. */
async function loadThumbnail(path, cell) {
    try {
        const response = await fetch(`/v2/${PROJECT}/${path}`, { headers: { "X-Auth-Token": token() || "" } });
        if (!response.ok) {
            const body = await response.json().catch(() => ({}));
            cell.replaceChildren(el("span", { class: "unreadable", title: body.error_msg || "" }, `${response.status} unreadable`));
            return;
        }
        const url = URL.createObjectURL(await response.blob());
        objectURLs.push(url);
        cell.replaceChildren(el("img", { src: url, alt: "", loading: "lazy" }));
    } catch (error) {
        cell.replaceChildren(el("span", { class: "unreadable", title: describe(error) }, "no preview"));
    }
}

/** "Why samples are unlabeled": the diagnosis's groups by cause, with the commands that fix them. */
function diagnosisPanel(diagnosis) {
    if (!diagnosis.groups.length) return null;
    const encryption = diagnosis.bucket_encryption;
    return el("section", { id: "diagnosis" },
        el("h3", {}, `Why ${diagnosis.unannotated_sample_count} of ${diagnosis.total_sample_count} samples are unlabeled`),
        diagnosis.encryption_is_cause ? el("p", { class: "notice", id: "encryption-cause" },
            "Automatic encryption is enabled in the OBS bucket",
            encryption ? ` (${encryption.algorithm}${encryption.kms_key_id ? ", key " + encryption.kms_key_id : ""})` : "",
            ": the labeling service may not decrypt the label files, so labeled data shows as unlabeled. ",
            "Create an OBS bucket and upload data again, or disable bucket encryption and upload data again.") : null,
        diagnosis.groups.map((group) => el("div", { class: "cause", "data-cause": group.cause },
            el("p", {}, el("strong", {}, `${group.cause} (${group.sample_count})`), " ", group.explanation,
                group.principal ? ` Principal: ${group.principal}.` : "", group.kms_key_id ? ` KMS key: ${group.kms_key_id}.` : ""),
            el("ul", {}, group.samples.slice(0, 5).map((sample) => el("li", {}, el("code", {}, sample.source), " ", sample.message))),
            group.samples.length > 5 ? el("p", { class: "muted" }, `and ${group.samples.length - 5} more`) : null)),
        diagnosis.remediations.length ? el("h3", {}, "Remediation") : null,
        diagnosis.remediations.map((remedy) => el("div", { class: "remediation" },
            el("p", {}, remedy.description), el("pre", {}, el("code", {}, remedy.command)))),
        diagnosis.notes.map((note) => el("p", { class: "muted" }, note)));
}

function versionsPanel(base, versions) {
    const publish = el("button", { type: "button", id: "publish", onclick: async () => {
        publish.disabled = true;
        try {
            const created = await api("POST", `${base}/versions`, {});
            flash = el("p", { class: "notice", role: "status" }, `Published version ${created.version_id}.`);
            render();
        } catch (error) {
            publish.disabled = false;
            report(error, status);
        }
    } }, "Publish");
    const status = el("span", { role: "status" });
    return el("section", { id: "versions" },
        el("h3", {}, "Versions"),
        el("div", { class: "toolbar" }, publish, status),
        versions.versions.length === 0 ? el("p", { class: "muted" }, "No published version.") : el("table", {},
            el("thead", {}, el("tr", {}, ["Version", "Published", "Samples", "Labeled", "Manifest"].map((title) => el("th", {}, title)))),
            el("tbody", {}, versions.versions.map((version) => el("tr", { "data-version-id": version.version_id },
                el("td", {}, version.version_name, version.is_current ? el("span", { class: "muted" }, " (current)") : null),
                el("td", {}, new Date(version.create_time).toLocaleString()),
                el("td", { class: "number" }, version.total_sample_count),
                el("td", { class: "number" }, version.annotated_sample_count),
                el("td", {}, el("code", {}, version.manifest_path)))))));
}

// Actions

/** "Synchronize New Data": starts the sync, follows its status, then shows the dataset again. */
async function synchronize(base, button) {
    const status = document.getElementById("sync-status");
    button.disabled = true;
    try {
        await api("POST", `${base}/sync-data`);
        let state;
        do {
            await new Promise((resolve) => setTimeout(resolve, 500));
            state = await api("GET", `${base}/sync-data/status`);
            const progress = state.progress ? ` ${state.progress.processed} of ${state.progress.total ?? state.progress.listed}` : "";
            status.textContent = `Synchronizing…${progress}`;
        } while (state.status === "RUNNING");
        flash = state.status === "COMPLETED"
            ? el("p", { class: "notice", role: "status" },
                `Synchronized: ${state.add_sample_count} added, ${state.deleted_sample_count} removed, ${state.total_sample_count} in all.`)
            : el("p", { class: "error", role: "alert" }, `The sync failed: ${state.error_code} ${state.error_msg}`);
        render();
    } catch (error) {
        button.disabled = false;
        report(error, status);
    }
}

/** Shows what the deletion breaks (other datasets and versions on the same files), then deletes on confirmation. */
async function confirmDeletion(base, sampleIds, deleteSource) {
    const body = { samples: sampleIds, delete_source: deleteSource };
    let impact;
    try {
        impact = await api("POST", `${base}/data-annotations/samples/delete-impact`, body);
    } catch (error) {
        return report(error, document.getElementById("sync-status"));
    }
    const ok = el("button", { type: "button", class: "danger", id: "confirm-delete" }, "OK");
    const cancel = el("button", { type: "button", id: "cancel-delete" }, "Cancel");
    dialog.replaceChildren(
        el("h3", {}, `Delete ${sampleIds.length} sample${sampleIds.length === 1 ? "" : "s"}${deleteSource ? " and their source files" : ""}?`),
        deleteSource ? el("p", {}, "The source files deleted from OBS:") : el("p", { class: "muted" }, "The files in OBS stay."),
        deleteSource ? el("ul", {}, impact.source_files.map((file) => el("li", {}, el("code", {}, file.source),
            file.versioning_enabled ? " (the bucket keeps versions: it can be restored)" : " (cannot be recovered)"))) : null,
        impact.breaks_others ? el("div", { class: "notice", id: "impact" },
            el("p", {}, el("strong", {}, "This breaks other datasets and versions that use these files:")),
            el("ul", {},
                impact.other_datasets.map((other) => el("li", {}, `dataset ${other.dataset_name}: ${other.sample_count} sample(s)`)),
                impact.versions.map((version) => el("li", {},
                    `version ${version.dataset_name}/${version.version_name}: `
                    + `${version.affected_sample_count} of ${version.total_sample_count} sample(s)`)))) : null,
        el("div", { class: "toolbar" }, cancel, ok));
    cancel.onclick = () => dialog.close();
    ok.onclick = async () => {
        ok.disabled = true;
        try {
            const outcome = await api("POST", `${base}/data-annotations/samples/delete`, body);
            dialog.close();
            flash = deletionOutcome(outcome);
            render();
        } catch (error) {
            dialog.close();
            report(error, document.getElementById("sync-status"));
        }
    };
    dialog.showModal();
}

function deletionOutcome(outcome) {
    const deleted = outcome.results.filter((result) => result.success).length;
    const failures = outcome.results.filter((result) => !result.success);
    return el("div", { class: "notice", id: "deletion-outcome", role: "status" },
        el("p", {}, `Deleted ${deleted} of ${outcome.results.length} sample(s).`),
        failures.map((failure) => el("p", { class: "error" }, `${failure.error_code}: ${failure.error_msg}`)),
        outcome.impact.source_files.filter((file) => file.outcome).map((file) => el("p", {}, el("code", {}, file.source), " ",
            file.outcome.status === "delete_marker" ? `hidden behind delete marker ${file.outcome.delete_marker_version_id}` :
                file.outcome.status === "failed" ? `not deleted: ${file.outcome.error_code} ${file.outcome.error_msg}` : "deleted")));
}

// Start

function start() {
    const params = hashParams();
    if (params.has("token")) {
        sessionStorage.setItem(TOKEN_KEY, params.get("token"));
        params.delete("token");
        history.replaceState(null, "", location.pathname + location.search + (params.toString() ? "#" + params : ""));
    }
    document.getElementById("forget-token").addEventListener("click", () => {
        sessionStorage.removeItem(TOKEN_KEY);
        render();
    });
    window.addEventListener("hashchange", render);
    render();
}

start();
"""#
}
