"use strict";
// The data of a job: Synchronize New Data with its progress, the diagnosis banner, versions and Publish, Add data (upload
// from the browser, label files read beside their images) with its history, and Delete with its impact first.

/** "Synchronize New Data": starts the sync, shows its progress while it runs, then shows the page again. */
async function synchronize(datasetId, button) {
    const status = document.getElementById("sync-status");
    const bar = el("progress", { id: "sync-progress", max: 1, value: 0 });
    button.disabled = true;
    status.replaceChildren("Synchronizing…", bar);
    try {
        await api("POST", datasetPath(datasetId, "/sync-data"));
        let state;
        do {
            await new Promise((resolve) => setTimeout(resolve, 300));
            state = await api("GET", datasetPath(datasetId, "/sync-data/status"));
            const progress = state.progress;
            if (progress) {
                const total = progress.total ?? progress.listed;
                bar.max = Math.max(1, total || 0);
                bar.value = progress.processed || 0;
                status.firstChild.textContent = `Synchronizing… ${progress.processed} of ${total} `;
            }
        } while (["RUNNING", "QUEUING", "STARTING"].includes(state.status));
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

/** The banner over the tabs: why samples are unlabeled, the cause named, and the commands that fix it. */
function diagnosisPanel(diagnosis) {
    if (!diagnosis.groups.length) return null;
    const encryption = diagnosis.bucket_encryption;
    return el("section", { id: "diagnosis", class: "banner" },
        el("h3", {}, `Why ${diagnosis.unannotated_sample_count} of ${diagnosis.total_sample_count} samples are unlabeled`),
        diagnosis.encryption_is_cause ? el("p", { class: "notice", id: "encryption-cause" },
            "Symptom: after the labeled data is uploaded to OBS and synchronized, the data is displayed as unlabeled. ",
            "Possible cause: Automatic encryption is enabled in the OBS bucket",
            encryption ? ` (${encryption.algorithm}${encryption.kms_key_id ? ", key " + encryption.kms_key_id : ""})` : "",
            ": the labeling service may not decrypt the label files. ",
            "Solution: create an OBS bucket and upload data again, or disable bucket encryption and upload data again, ",
            "or give the labeling service the key (below).") : null,
        diagnosis.groups.map((group) => el("div", { class: "cause", "data-cause": group.cause },
            el("p", {}, el("strong", {}, `${group.cause} (${group.sample_count})`), " ", group.explanation,
                group.principal ? ` Principal: ${group.principal}.` : "", group.kms_key_id ? ` KMS key: ${group.kms_key_id}.` : "",
                group.denied_by ? ` Refused: ${group.denied_by}.` : ""),
            (group.remediations || []).map((remedy) => el("div", { class: "remediation" },
                el("p", {}, remedy.description), el("pre", {}, el("code", {}, remedy.command)))),
            el("ul", {}, group.samples.slice(0, 5).map((sample) => el("li", {}, el("code", {}, sample.source), " ", sample.message))),
            group.samples.length > 5 ? el("p", { class: "muted" }, `and ${group.samples.length - 5} more`) : null)),
        diagnosis.remediations.length ? el("h3", {}, "Fix") : null,
        diagnosis.remediations.map((remedy) => el("div", { class: "remediation" },
            el("p", {}, remedy.description), el("pre", {}, el("code", {}, remedy.command)))),
        diagnosis.notes.map((note) => el("p", { class: "muted" }, note)));
}

function versionsPanel(datasetId, versions) {
    const status = el("span", { role: "status" });
    const publish = el("button", { type: "button", id: "publish", onclick: async () => {
        publish.disabled = true;
        try {
            const created = await api("POST", datasetPath(datasetId, "/versions"), {});
            flash = el("p", { class: "notice", role: "status" }, `Published version ${created.version_id}.`);
            render();
        } catch (error) {
            publish.disabled = false;
            report(error, status);
        }
    } }, "Publish");
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

// Add data

const LABEL_FILE = /\.(txt|xml)$/i;
/** The most base64 one add request carries (the server takes 64 MiB of JSON). */
const ADD_BATCH_BYTES = 40 << 20;

/** "Add data": files chosen in the browser; a `.txt` (image classification: a label per line) or a Pascal VOC `.xml`
 * (object detection) beside an image of the same name gives its labels. Sent with `POST …/data-annotations/samples`. */
async function addDataDialog(datasetId, dataset) {
    const input = el("input", { type: "file", id: "add-files", multiple: true });
    const choice = await ask("Add data", [
        el("p", {}, "Images (or the dataset's kind of files) are written into the dataset's input path ",
            el("code", {}, dataset.data_sources.map((source) => source.data_path).join(", ")), " and become samples at once. ",
            "A label file with the same name (", el("code", {}, "cat1.txt"), " beside ", el("code", {}, "cat1.jpg"),
            ", or a Pascal VOC ", el("code", {}, ".xml"), ") gives the file's labels."),
        el("p", {}, input),
    ], [["OK", "ok", "primary"]], "add-data");
    if (choice !== "ok" || !input.files.length) return;
    const status = document.getElementById("sync-status");
    try {
        const samples = await samplesToAdd([...input.files], dataset.dataset_type);
        const bar = el("progress", { id: "add-progress", max: 1, value: 0 });
        status.replaceChildren(`Uploading ${samples.length} file(s)… `, bar);
        const results = [];
        for (const batch of batches(samples)) {
            const answer = await upload(datasetId, batch, (sent, total) => { bar.max = total; bar.value = sent; });
            results.push(...answer.results);
        }
        const failed = results.filter((result) => !result.success);
        flash = el("div", { class: failed.length ? "notice error" : "notice", role: "status", id: "add-outcome" },
            el("p", {}, `Added ${results.length - failed.length} of ${results.length} file(s).`),
            failed.map((result) => el("p", {}, `${result.name}: ${result.error_code} ${result.error_msg}`)));
        render();
    } catch (error) {
        report(error, status);
    }
}

/** The files as the API's `UploadSample`s: data base64, labels from a label file of the same name. */
async function samplesToAdd(files, datasetType) {
    const stem = (name) => name.replace(/\.[^.]*$/, "");
    const labelFiles = new Map(files.filter((file) => LABEL_FILE.test(file.name)).map((file) => [stem(file.name), file]));
    const dataFiles = files.filter((file) => !LABEL_FILE.test(file.name) || datasetType === 100 || datasetType === 101);
    const samples = [];
    for (const file of dataFiles) {
        const sample = { name: file.name, data: await base64(file) };
        const labelFile = datasetType === 100 || datasetType === 101 ? null : labelFiles.get(stem(file.name));
        if (labelFile) sample.labels = parseLabelFile(labelFile.name, await labelFile.text());
        samples.push(sample);
    }
    return samples;
}

function base64(file) {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(file);
    });
}

/** A label file: a `.txt` holds a label per line; a Pascal VOC `.xml` holds objects with their boxes. */
function parseLabelFile(name, text) {
    if (/\.xml$/i.test(name)) {
        const documentNode = new DOMParser().parseFromString(text, "application/xml");
        if (documentNode.querySelector("parsererror")) throw new Error(`${name} is not well-formed XML`);
        return [...documentNode.querySelectorAll("object")].map((object) => {
            const value = (tag) => Number(object.querySelector(`bndbox > ${tag}`)?.textContent);
            const label = { name: object.querySelector("name")?.textContent.trim() };
            if (object.querySelector("bndbox")) {
                label.property = { "@modelarts:shape": "bndbox",
                    "@modelarts:feature": [[value("xmin"), value("ymin")], [value("xmax"), value("ymax")]] };
            }
            return label;
        });
    }
    return text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean).map((label) => ({ name: label }));
}

function* batches(samples) {
    let batch = [];
    let size = 0;
    for (const sample of samples) {
        if (batch.length && (size + sample.data.length > ADD_BATCH_BYTES || batch.length === 100)) {
            yield batch;
            batch = [];
            size = 0;
        }
        batch.push(sample);
        size += sample.data.length;
    }
    if (batch.length) yield batch;
}

/** One add request, with upload progress (fetch reports none). */
function upload(datasetId, samples, progress) {
    return new Promise((resolve, reject) => {
        const request = new XMLHttpRequest();
        request.open("POST", `/v2/${PROJECT}/${datasetPath(datasetId, "/data-annotations/samples")}`);
        for (const [name, value] of Object.entries(authHeaders())) request.setRequestHeader(name, value);
        request.setRequestHeader("Content-Type", "application/json");
        request.upload.onprogress = (event) => progress(event.loaded, event.total);
        request.onload = () => {
            try {
                resolve(parseAnswer(request.status, request.statusText, request.responseText));
            } catch (error) {
                reject(error);
            }
        };
        request.onerror = () => reject(new Error("the upload failed: the server did not answer"));
        request.send(JSON.stringify({ samples }));
    });
}

/** "View historical records": the import tasks (adds and imports) with their outcome. */
async function historyView(params) {
    const id = params.get("dataset");
    const [dataset, tasks] = await Promise.all([api("GET", datasetPath(id)), api("GET", datasetPath(id, "/import-tasks?limit=100"))]);
    return [
        el("p", {}, el("a", { href: link({ dataset: id }), id: "back-to-job" }, `← ${dataset.dataset_name}`)),
        el("section", { id: "import-history" },
            el("h2", {}, "Historical records"),
            tasks.import_tasks.length === 0 ? el("p", { class: "muted" }, "No data added or imported yet.") : el("table", {},
                el("thead", {}, el("tr", {}, ["Created", "Source", "Status", "Samples", "Labeled", "Skipped", "By"]
                    .map((title) => el("th", {}, title)))),
                el("tbody", {}, tasks.import_tasks.map((task) => el("tr", { "data-task-id": task.task_id, "data-status": task.status },
                    el("td", {}, new Date(task.create_time).toLocaleString()),
                    el("td", {}, el("code", {}, task.import_path), el("span", { class: "muted" }, ` ${task.import_kind || ""}`)),
                    el("td", { class: "status" }, task.status,
                        task.error_msg ? el("div", { class: "error" }, `${task.error_code}: ${task.error_msg}`) : null),
                    el("td", { class: "number imported" }, task.imported_sample_count ?? ""),
                    el("td", { class: "number annotated" }, task.annotated_sample_count ?? ""),
                    el("td", { class: "number" }, task.skipped_sample_count ?? ""),
                    el("td", {}, task.author || "")))))),
    ];
}

// Delete

/** Delete: the selected samples, the "Delete the source files from OBS" checkbox and its warning, and what the deletion
 * breaks (other datasets and versions on the same files, files that can be restored) before OK. */
async function confirmDeletion() {
    const sampleIds = [...job.selected];
    const source = el("input", { type: "checkbox", id: "delete-source" });
    const impact = el("div", { id: "impact", role: "status" });
    const update = async () => {
        impact.replaceChildren(el("p", { class: "muted" }, "Checking what this deletes…"));
        try {
            const answer = await api("POST", datasetPath(job.id, "/data-annotations/samples/delete-impact"),
                { samples: sampleIds, delete_source: source.checked });
            impact.replaceChildren(...deletionImpact(answer));
            impact.dataset.deleteSource = String(source.checked);
        } catch (error) {
            impact.replaceChildren(el("p", { class: "error" }, describe(error)));
        }
    };
    source.onchange = update;
    update();
    const choice = await ask(`Delete ${sampleIds.length} sample${sampleIds.length === 1 ? "" : "s"}?`, [
        el("p", {}, el("label", {}, source, " Delete the source files from OBS")),
        el("p", { class: "warning", id: "delete-warning" }, "If you select Delete the source files from OBS, images stored in the OBS ",
            "directory will be deleted accordingly. This operation may affect other dataset versions or datasets using those files, ",
            "for example, leading to an error in page display, training, or inference. Deleted data cannot be recovered. ",
            "Exercise caution when performing this operation."),
        impact,
    ], [["OK", "ok", "danger"]], "delete");
    if (choice !== "ok") return;
    try {
        const outcome = await api("POST", datasetPath(job.id, "/data-annotations/samples/delete"),
            { samples: sampleIds, delete_source: source.checked });
        flash = deletionOutcome(outcome);
        render();
    } catch (error) {
        report(error, document.getElementById("sync-status"));
    }
}

/** What a sample deletion takes and breaks, as `…/delete-impact` (or a label deletion's dry run) answers it. */
function deletionImpact(impact) {
    const parts = [];
    if (impact.delete_source) {
        parts.push(el("p", {}, "The source files deleted from OBS:"), el("ul", { id: "impact-files" }, impact.source_files.map((file) => el("li", {},
            el("code", {}, file.source), file.versioning_enabled ? " (the bucket keeps versions: a delete marker hides it, it can be restored)"
                : " (cannot be recovered)"))));
        if (impact.label_files.length) {
            parts.push(el("p", {}, "Their label files, deleted with them (so that an image uploaded again does not take the old labels):"),
                el("ul", { id: "impact-label-files" }, impact.label_files.map((file) => el("li", {}, el("code", {}, file.source)))));
        }
    } else {
        parts.push(el("p", { class: "muted" }, "The files in OBS stay."));
    }
    if (impact.breaks_others) {
        parts.push(el("div", { class: "notice", id: "impact-others" },
            el("p", {}, el("strong", {}, "This breaks other datasets and versions that use these files:")),
            el("ul", {},
                impact.other_datasets.map((other) => el("li", {}, `dataset ${other.dataset_name}: ${other.sample_count} sample(s)`)),
                impact.versions.map((version) => el("li", {}, `version ${version.dataset_name}/${version.version_name}: `
                    + `${version.affected_sample_count} of ${version.total_sample_count} sample(s)`)))));
    } else if (impact.delete_source) {
        parts.push(el("p", { class: "muted" }, "No other dataset or version uses these files."));
    }
    return parts;
}

function deletionOutcome(outcome) {
    const deleted = outcome.results.filter((result) => result.success).length;
    const failures = outcome.results.filter((result) => !result.success);
    return el("div", { class: "notice", id: "deletion-outcome", role: "status" },
        el("p", {}, `Deleted ${deleted} of ${outcome.results.length} sample(s).`),
        failures.map((failure) => el("p", { class: "error" }, `${failure.error_code}: ${failure.error_msg}`)),
        [...outcome.impact.source_files, ...outcome.impact.label_files].filter((file) => file.outcome).map((file) => el("p", {}, el("code", {}, file.source), " ",
            file.outcome.status === "delete_marker" ? `hidden behind delete marker ${file.outcome.delete_marker_version_id}` :
                file.outcome.status === "failed" ? `not deleted: ${file.outcome.error_code} ${file.outcome.error_msg}` : "deleted")));
}
