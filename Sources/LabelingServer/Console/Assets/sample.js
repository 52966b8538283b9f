"use strict";
// The sample page: the image at full size with its shapes (select a shape to move or resize it, draw a new box with a
// label, delete a shape), the classification labels of an image, text or audio, "Back to Data Labeling Preview" that
// asks to save, and keyboard shortcuts. Saving is one `PUT …/data-annotations/samples` with the sample's labels.

const SHORTCUTS = [["→ or D", "next sample"], ["← or A", "previous sample"], ["B", "draw a box"], ["V", "select and move"],
    ["1–9", "the label of that rank (the selected box's label, or toggle it)"], ["Delete", "delete the selected shape"],
    ["Ctrl+S", "save"], ["Esc", "deselect"]];

/** The sample being edited: its labels as they will be saved, the selected shape, and whether anything is unsaved. */
let editor = null;

async function sampleView(params) {
    const id = params.get("dataset");
    const sampleId = params.get("sample");
    const at = Math.max(0, parseInt(params.get("at") || "0", 10) || 0);
    const here = jobParams(params);
    const tab = TABS.find(([name]) => name === params.get("tab")) || TABS[0];
    const [dataset, labels, sample, position] = await Promise.all([
        api("GET", datasetPath(id)), api("GET", datasetPath(id, "/data-annotations/labels")),
        api("GET", datasetPath(id, `/data-annotations/samples/${encodeURIComponent(sampleId)}`)),
        api("GET", datasetPath(id, "/data-annotations/samples?") + samplesQuery(filterOf(params), tab[2], at, 1)),
    ]);
    const colors = colorsOf(labels.labels);
    const detection = dataset.dataset_type === 1 || dataset.dataset_type === 3;
    editor = { id, dataset, sample, labelSet: labels.labels, colors, detection, at, total: position.sample_count, here,
        labels: sample.labels.map(labelForUpdate), selected: -1, dirty: false, mode: "select", current: labels.labels[0]?.name || "",
        size: [640, 480], zoom: params.get("zoom") || "fit", drag: null, hard: isHard(sample), wasHard: isHard(sample) };
    const key = sample.source.replace(/^obs:\/\/[^/]+\//, "") + (sample.line ? ` line ${sample.line}` : "");
    return [
        el("div", { class: "toolbar" },
            el("button", { type: "button", id: "back", onclick: () => leaveSample(link({ ...here, offset: pageOffset(at) || null })) },
                "← Back to Data Labeling Preview"),
            el("button", { type: "button", id: "previous-sample", disabled: at === 0, onclick: () => stepSample(-1) }, "← Previous"),
            el("span", { class: "muted" }, `${at + 1} of ${editor.total}`),
            el("button", { type: "button", id: "next-sample", disabled: at + 1 >= editor.total, onclick: () => stepSample(1) }, "Next →"),
            el("span", { class: "spacer" }),
            el("span", { id: "editor-status", role: "status", class: "muted" }),
            el("button", { type: "button", id: "save", class: "primary", disabled: true, onclick: () => saveSample() }, "Save")),
        el("div", { class: "job" },
            el("section", { id: "sample-page", "data-sample-id": sampleId },
                el("h2", {}, el("code", {}, key), editor.hard ? el("span", { class: "hard", id: "hard-example" }, "hard example") : null),
                el("label", { class: "choice" }, el("input", { type: "checkbox", id: "hard-toggle", checked: editor.hard,
                    onchange: (event) => { editor.hard = event.target.checked; markDirty(); } }), " Hard example"),
                detection ? el("div", { class: "toolbar" },
                    el("button", { type: "button", id: "mode-select", onclick: () => setMode("select") }, "Select (V)"),
                    el("button", { type: "button", id: "mode-draw", onclick: () => setMode("draw") }, "Draw box (B)"),
                    el("button", { type: "button", id: "delete-shape", onclick: deleteSelectedShape }, "Delete shape (Del)"),
                    el("span", { class: "spacer" }), zoomChoice()) : null,
                sampleBody(dataset.dataset_type, sample)),
            el("aside", {},
                el("section", { id: "file-labels" }),
                el("section", { id: "shortcuts" }, el("h3", {}, "Keyboard shortcuts"),
                    el("table", {}, SHORTCUTS.map(([keys, what]) => el("tr", {}, el("td", {}, el("kbd", {}, keys)), el("td", {}, what))))))),
    ];
}

/** Called once the page is on screen: draws the shapes and the label area. */
function sampleShown() {
    setMode(editor.detection ? "select" : "none");
    drawShapes();
    renderFileLabels();
}

/** Whether the sample is marked a hard example (`@modelarts:hard`, 1 or "true"). */
function isHard(sample) {
    const mark = sample.metadata && sample.metadata["@modelarts:hard"];
    return mark === 1 || mark === true || mark === "true";
}

function pageOffset(at) {
    return Math.floor(at / PAGE_SIZE) * PAGE_SIZE;
}

function sampleBody(kind, sample) {
    if (kind === 100 || kind === 101) return el("p", { class: "text", id: "sample-text" }, (sample.sample_data || []).join(" "));
    if (kind === 200) {
        const player = el("audio", { controls: true, id: "sample-audio" });
        sampleObjectURL(editor.id, sample.sample_id).then((url) => { player.src = url; }).catch(() => {});
        return player;
    }
    const drawing = svg("svg", { id: "stage-svg", width: 640, height: 480, viewBox: "0 0 640 480",
        onpointerdown: pointerDown, onpointermove: pointerMove, onpointerup: pointerUp });
    const stage = el("div", { class: "stage" }, drawing);
    sampleObjectURL(editor.id, sample.sample_id).then((url) => {
        const image = el("img", { src: url, alt: "", id: "sample-image", draggable: "false" });
        image.onload = () => {
            editor.size = [image.naturalWidth, image.naturalHeight];
            stage.prepend(image);
            drawShapes();
        };
    }).catch((error) => stage.prepend(el("p", { class: "unreadable" }, describe(error))));
    editor.size = extentOf(sample.labels.map(shapeOf).filter(Boolean)).map((length, index) => Math.max(length + 20, [640, 480][index]));
    return el("div", { class: "stage-wrap" }, stage);
}

/** The zoom: "fit" (the stage's width, at most 4 times), or 1, 2, 4 screen pixels per image pixel. */
function zoomChoice() {
    return el("label", {}, "Zoom ", el("select", { id: "zoom", onchange: (event) => {
        editor.zoom = event.target.value;
        drawShapes();
    } }, [["fit", "Fit"], ["1", "100%"], ["2", "200%"], ["4", "400%"]].map(([value, text]) =>
        el("option", { value, selected: value === editor.zoom }, text))));
}

/** Screen pixels per image pixel. */
function scale() {
    if (editor.zoom !== "fit") return Number(editor.zoom) || 1;
    const wrap = document.querySelector(".stage-wrap");
    const width = wrap ? wrap.clientWidth - 2 : editor.size[0];
    return Math.max(0.1, Math.min(4, width / editor.size[0]));
}

function setMode(mode) {
    editor.mode = mode;
    for (const [id, name] of [["mode-select", "select"], ["mode-draw", "draw"]]) {
        document.getElementById(id)?.setAttribute("aria-pressed", String(mode === name));
    }
    document.getElementById("stage-svg")?.classList.toggle("select-mode", mode === "select");
}

function markDirty() {
    editor.dirty = true;
    document.getElementById("save").disabled = false;
    document.getElementById("editor-status").textContent = "Unsaved changes";
}

/** The shapes of the labels in their colors; the selected one dashed, with a handle at each corner of a box. */
function drawShapes() {
    const drawing = document.getElementById("stage-svg");
    if (!drawing) return;
    const [width, height] = editor.size;
    const zoom = scale();
    drawing.setAttribute("width", width * zoom);
    drawing.setAttribute("height", height * zoom);
    drawing.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const image = document.getElementById("sample-image");
    if (image) image.style.setProperty("width", `${width * zoom}px`);
    const children = [];
    editor.labels.forEach((label, index) => {
        const shape = shapeOf(label);
        if (!shape) return;
        const color = labelColor(label, editor.colors);
        const element = shapeElement(shape, color, { "data-index": index, "data-label": label.name, "data-shape": shape.name });
        if (!element) return;
        if (index === editor.selected) element.classList.add("selected");
        children.push(element);
    });
    const selected = editor.labels[editor.selected] && shapeOf(editor.labels[editor.selected]);
    if (selected && selected.name === "bndbox") {
        corners(selected.feature).forEach(([x, y], corner) => children.push(
            svg("rect", { class: "handle", x: x - 5 / zoom, y: y - 5 / zoom, width: 10 / zoom, height: 10 / zoom, "data-corner": corner })));
    }
    drawing.replaceChildren(...children);
}

/** The corners of a box, clockwise from the upper left one. */
function corners([[xmin, ymin], [xmax, ymax]]) {
    return [[xmin, ymin], [xmax, ymin], [xmax, ymax], [xmin, ymax]];
}

/** A pointer's position in the image's pixels. */
function imagePoint(event) {
    const drawing = document.getElementById("stage-svg");
    const point = drawing.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const inImage = point.matrixTransform(drawing.getScreenCTM().inverse());
    return [Math.min(editor.size[0], Math.max(0, inImage.x)), Math.min(editor.size[1], Math.max(0, inImage.y))];
}

function pointerDown(event) {
    const target = event.target;
    const point = imagePoint(event);
    event.currentTarget.setPointerCapture(event.pointerId);
    if (target.dataset.corner !== undefined) {
        const shape = shapeOf(editor.labels[editor.selected]);
        editor.drag = { kind: "resize", corner: Number(target.dataset.corner), feature: shape.feature };
    } else if (target.dataset.index !== undefined && editor.mode !== "draw") {
        editor.selected = Number(target.dataset.index);
        editor.drag = { kind: "move", start: point, feature: shapeOf(editor.labels[editor.selected]).feature };
        renderFileLabels();
    } else if (editor.mode === "draw") {
        if (!editor.current) {
            document.getElementById("editor-status").textContent = "Choose or add a label first";
            return;
        }
        editor.labels.push({ name: editor.current, property: { "@modelarts:shape": "bndbox", "@modelarts:feature": [point, point] } });
        editor.selected = editor.labels.length - 1;
        editor.drag = { kind: "draw", start: point };
    } else {
        editor.selected = -1;
        renderFileLabels();
    }
    drawShapes();
}

function pointerMove(event) {
    const drag = editor.drag;
    if (!drag) return;
    const [x, y] = imagePoint(event);
    const label = editor.labels[editor.selected];
    let feature;
    if (drag.kind === "move") {
        const shape = shapeOf(label);
        // Moved as a whole, and never past the image's upper left edge.
        const dx = Math.max(x - drag.start[0], -Math.min(...drag.feature.filter((p) => p.length === 2).map((p) => p[0])));
        const dy = Math.max(y - drag.start[1], -Math.min(...drag.feature.filter((p) => p.length === 2).map((p) => p[1])));
        feature = drag.feature.map((point) => (point.length === 2 ? [point[0] + dx, point[1] + dy] : point));
        if (shape.name === "circle") feature[1] = drag.feature[1];
    } else if (drag.kind === "resize") {
        const points = corners(drag.feature);
        points[drag.corner] = [x, y];
        const opposite = points[(drag.corner + 2) % 4];
        feature = [[Math.min(x, opposite[0]), Math.min(y, opposite[1])], [Math.max(x, opposite[0]), Math.max(y, opposite[1])]];
    } else {
        feature = [[Math.min(x, drag.start[0]), Math.min(y, drag.start[1])], [Math.max(x, drag.start[0]), Math.max(y, drag.start[1])]];
    }
    label.property = { ...label.property, "@modelarts:feature": feature.map((point) => point.map((value) => Math.round(value))) };
    drag.changed = true;
    drawShapes();
}

function pointerUp() {
    const drag = editor.drag;
    editor.drag = null;
    if (!drag) return;
    if (drag.kind === "draw") {
        const [[xmin, ymin], [xmax, ymax]] = editor.labels[editor.selected].property["@modelarts:feature"];
        if (xmax - xmin < 2 || ymax - ymin < 2) { // a click, not a box
            editor.labels.pop();
            editor.selected = -1;
            drawShapes();
            return;
        }
    }
    if (drag.changed) markDirty();
    renderFileLabels();
}

function deleteSelectedShape() {
    if (editor.selected < 0) return;
    editor.labels.splice(editor.selected, 1);
    editor.selected = -1;
    markDirty();
    drawShapes();
    renderFileLabels();
}

/** "File Labels": a box per shape with its label (changeable) and delete icon, or the classification labels to tick. */
function renderFileLabels() {
    const place = document.getElementById("file-labels");
    if (!place) return;
    const names = editor.labelSet.map((label) => label.name);
    const newLabel = el("input", { type: "text", id: "new-label", placeholder: "new label", size: 12 });
    const addLabel = el("button", { type: "button", id: "add-label", onclick: () => createLabel(newLabel.value.trim()) }, "Add label");
    if (editor.detection) {
        place.replaceChildren(el("h3", {}, "File Labels"),
            el("p", {}, el("label", {}, "Label of new boxes ", el("select", { id: "current-label",
                onchange: (event) => { editor.current = event.target.value; } },
                names.map((name) => el("option", { value: name, selected: name === editor.current }, name))))),
            el("p", {}, newLabel, " ", addLabel),
            el("table", {}, el("tbody", {}, editor.labels.map((label, index) => el("tr", {
                "data-index": index, class: index === editor.selected ? "selected" : null,
            },
            el("td", {}, el("select", { class: "shape-label", onchange: (event) => relabel(index, event.target.value) },
                [...new Set([...names, label.name])].map((name) => el("option", { value: name, selected: name === label.name }, name)))),
            el("td", { class: "muted" }, shapeOf(label) ? `${shapeOf(label).name} ${JSON.stringify(shapeOf(label).feature)}` : "no shape"),
            el("td", {}, el("button", { type: "button", class: "icon delete", title: "Delete", onclick: () => {
                editor.selected = index;
                deleteSelectedShape();
            } }, "✕")))))));
        return;
    }
    const carried = new Set(editor.labels.map((label) => label.name));
    place.replaceChildren(el("h3", {}, "File Labels"),
        el("div", { id: "class-labels" }, [...new Set([...names, ...carried])].map((name, index) => el("label", { class: "choice" },
            el("input", { type: "checkbox", name: "class-label", value: name, checked: carried.has(name), onchange: () => toggleLabel(name) }),
            " ", labelChip({ name }, editor.colors), index < 9 ? el("kbd", {}, index + 1) : null))),
        el("p", {}, newLabel, " ", addLabel));
}

function relabel(index, name) {
    editor.labels[index] = { ...editor.labels[index], name };
    markDirty();
    drawShapes();
    renderFileLabels();
}

/** A classification label on or off. */
function toggleLabel(name) {
    if (editor.labels.some((label) => label.name === name)) editor.labels = editor.labels.filter((label) => label.name !== name);
    else editor.labels.push({ name });
    markDirty();
    renderFileLabels();
}

/** "Add label": `POST …/data-annotations/labels`, then the label is the one new boxes get (or is ticked). */
async function createLabel(name) {
    if (!name) return;
    try {
        await api("POST", datasetPath(editor.id, "/data-annotations/labels"), { labels: [{ name }] });
        editor.labelSet.push({ name });
        if (editor.detection) editor.current = name;
        else toggleLabel(name);
        renderFileLabels();
    } catch (error) {
        document.getElementById("editor-status").textContent = describe(error);
    }
}

async function saveSample() {
    const status = document.getElementById("editor-status");
    try {
        const update = { sample_id: editor.sample.sample_id, labels: editor.labels };
        // Only a changed mark is sent: without metadata, the sample keeps its hard reasons and coefficient.
        if (editor.hard !== editor.wasHard) update.metadata = { "@modelarts:hard": editor.hard ? 1 : 0 };
        const answer = await api("PUT", datasetPath(editor.id, "/data-annotations/samples"), { samples: [update] });
        const failure = answer.results.find((result) => !result.success);
        if (failure) throw new APIError(400, failure.error_code, failure.error_msg);
        editor.dirty = false;
        editor.wasHard = editor.hard;
        document.getElementById("save").disabled = true;
        status.textContent = "Saved";
        return true;
    } catch (error) {
        status.textContent = describe(error);
        return false;
    }
}

/** Leaves the sample page; with unsaved changes, asks first: Yes saves, No drops them, Cancel stays. */
async function leaveSample(address) {
    if (editor.dirty) {
        const choice = await ask("Save the modification?", el("p", {}, "The labels of this sample have unsaved changes."),
            [["No", "no"], ["Yes", "yes", "primary"]], "save-changes");
        if (choice === null) return;
        if (choice === "yes" && !(await saveSample())) return;
    }
    editor.dirty = false;
    location.hash = address;
}

async function stepSample(step) {
    const at = editor.at + step;
    if (at < 0 || at >= editor.total) return;
    const params = hashParams();
    const tab = TABS.find(([name]) => name === params.get("tab")) || TABS[0];
    try {
        const page = await api("GET", datasetPath(editor.id, "/data-annotations/samples?") + samplesQuery(filterOf(params), tab[2], at, 1));
        if (!page.samples.length) return;
        await leaveSample(link({ ...editor.here, sample: page.samples[0].sample_id, at }));
    } catch (error) {
        document.getElementById("editor-status").textContent = describe(error);
    }
}

function sampleKeyDown(event) {
    if (!editor || !document.getElementById("sample-page") || dialog.open) return;
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
    const key = event.key;
    if ((event.ctrlKey || event.metaKey) && key.toLowerCase() === "s") {
        event.preventDefault();
        saveSample();
    } else if (key === "ArrowRight" || key === "d") {
        stepSample(1);
    } else if (key === "ArrowLeft" || key === "a") {
        stepSample(-1);
    } else if (key === "b" && editor.detection) {
        setMode("draw");
    } else if (key === "v" && editor.detection) {
        setMode("select");
    } else if (key === "Delete" || key === "Backspace") {
        deleteSelectedShape();
    } else if (key === "Escape") {
        editor.selected = -1;
        drawShapes();
        renderFileLabels();
    } else if (/^[1-9]$/.test(key)) {
        const name = editor.labelSet[Number(key) - 1]?.name;
        if (!name) return;
        if (!editor.detection) toggleLabel(name);
        else if (editor.selected >= 0) relabel(editor.selected, name);
        else {
            editor.current = name;
            renderFileLabels();
        }
    }
}

document.addEventListener("keydown", sampleKeyDown);
