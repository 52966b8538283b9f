"use strict";
// The obslab web console's plumbing: calls to the ModelArts-style API of this server (the same JSON as the CLI and any
// script reads), building elements, the address after "#" that says what to show, and the confirmation dialog.

const PROJECT = "console"; // {project_id}: obslab accepts any
const TOKEN_KEY = "obslab.apiToken";
const USER_KEY = "obslab.user";
const TYPES = { 0: "Image classification", 1: "Object detection", 3: "Image segmentation", 100: "Text classification",
    101: "Named entity", 200: "Sound classification" };
/** Colors for labels that have none, picked by the label's name so that they stay the same on every page. */
const PALETTE = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324", "#469990", "#800000"];

const main = document.getElementById("main");
const dialog = document.getElementById("confirm");

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

/** The headers of every call: the token, and the author of changes (`X-Obslab-User`) when one is set. */
function authHeaders() {
    const user = sessionStorage.getItem(USER_KEY);
    return { "X-Auth-Token": token() || "", ...(user ? { "X-Obslab-User": user } : {}) };
}

/** Calls the API; a failure becomes an APIError with the ModelArts error code and message. */
async function api(method, path, body) {
    const response = await fetch(`/v2/${PROJECT}/${path}`, {
        method,
        headers: { ...authHeaders(), ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    return parseAnswer(response.status, response.statusText, await response.text());
}

function parseAnswer(status, statusText, text) {
    let json = {};
    try {
        json = text ? JSON.parse(text) : {};
    } catch {
        json = { error_msg: text };
    }
    if (status < 200 || status > 299) throw new APIError(status, json.error_code || "", json.error_msg || statusText);
    return json;
}

/** The path of a dataset, or of something under it. */
function datasetPath(id, rest = "") {
    return `datasets/${encodeURIComponent(id)}${rest}`;
}

/** An element with attributes, listeners (`onclick`) and children (strings become text, never HTML). */
function el(tag, attributes = {}, ...children) {
    return build(document.createElement(tag), attributes, children);
}

/** An SVG element, as `el` builds HTML ones. */
function svg(tag, attributes = {}, ...children) {
    return build(document.createElementNS("http://www.w3.org/2000/svg", tag), attributes, children);
}

function build(node, attributes, children) {
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) continue;
        if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
        else if (name === "class") node.setAttribute("class", value);
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

/** An address of the console: "#" and the parameters that have a value. */
function link(params) {
    const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== null && value !== undefined && value !== ""));
    return "#" + query.toString();
}

function describe(error) {
    if (error instanceof APIError) return `${error.status} ${error.code}: ${error.message}`;
    return String(error && error.message ? error.message : error);
}

/** The color of a label: its own, else the one of the dataset's label set, else one of the palette. */
function labelColor(label, colors = {}) {
    const own = label.property && label.property["@modelarts:color"];
    if (own) return own;
    if (colors[label.name]) return colors[label.name];
    let hash = 0;
    for (const character of label.name || "") hash = (hash * 31 + character.codePointAt(0)) >>> 0;
    return PALETTE[hash % PALETTE.length];
}

/** The dataset's label colors by name. */
function colorsOf(labels) {
    return Object.fromEntries((labels || []).map((label) => [label.name, label.property && label.property["@modelarts:color"]]));
}

/** A label with its color. */
function labelChip(label, colors) {
    const color = labelColor(label, colors);
    const swatch = el("span", { class: "swatch" });
    swatch.style.setProperty("background", color);
    return el("span", { class: "label", "data-label": label.name, "data-color": color }, swatch, label.name);
}

/** A sample's labels as a label update sends them back: the shape and other properties, without the display color
 * (which belongs to the label set, not to the sample). */
function labelForUpdate(label) {
    const property = { ...(label.property || {}) };
    delete property["@modelarts:color"];
    return { name: label.name, type: label.type, property };
}

/** The confirmation dialog: a title, its content, and buttons; resolves with the chosen button's value (null: Cancel). */
function ask(title, content, buttons = [["OK", "ok", "primary"]], id = "dialog") {
    return new Promise((resolve) => {
        const finish = (value) => {
            dialog.close();
            resolve(value);
        };
        const cancel = el("button", { type: "button", id: `${id}-cancel`, onclick: () => finish(null) }, "Cancel");
        dialog.replaceChildren(
            el("h3", {}, title),
            ...[content].flat().filter(Boolean),
            el("div", { class: "toolbar" }, cancel, buttons.map(([text, value, style]) =>
                el("button", { type: "button", class: style || "", id: `${id}-${value}`, onclick: () => finish(value) }, text))));
        dialog.dataset.dialog = id;
        dialog.oncancel = () => resolve(null);
        dialog.showModal();
    });
}

/** Fetches a sample's object with the token (an <img> could not send it) as a `blob:` URL, released on the next page. */
let objectURLs = [];
async function sampleObjectURL(datasetId, sampleId) {
    const response = await fetch(`/v2/${PROJECT}/${datasetPath(datasetId, `/data-annotations/samples/${encodeURIComponent(sampleId)}/content`)}`,
        { headers: authHeaders() });
    if (!response.ok) {
        const body = await response.json().catch(() => ({}));
        throw new APIError(response.status, body.error_code || "", body.error_msg || response.statusText);
    }
    const url = URL.createObjectURL(await response.blob());
    objectURLs.push(url);
    return url;
}

function releaseObjectURLs() {
    objectURLs.forEach(URL.revokeObjectURL);
    objectURLs = [];
}
