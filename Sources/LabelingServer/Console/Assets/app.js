"use strict";
// The console's start and its router. The address after "#" says what to show: "" the datasets;
// "dataset=ID&tab=unlabeled&labels=cat,dog&op=AND&name=…&dir=…&labeler=…&hard=1&size=large&offset=40" a labeling job page;
// "…&sample=SID&at=3" a sample page; "dataset=ID&view=labels" Label Management; "dataset=ID&view=history" the import
// history. "token=…" there is taken as the API token (then removed from the address), for links and headless browsers.

let renderTicket = 0; // a newer render makes older ones stop before they draw
let flash = null; // a message that survives the next render: the outcome of a sync, a deletion, a publication
let shownHash = ""; // the address of the view on screen
let identifiedToken = null; // the token whose caller the header's "User" field shows

/** Shows a failure where it happened; a 401 forgets the token and asks for it again. */
function report(error, place = main) {
    if (error instanceof APIError && error.status === 401) {
        sessionStorage.removeItem(TOKEN_KEY);
        showTokenForm(`The API answered 401 Unauthorized (${error.code}): ${error.message}`);
    } else {
        const message = el("p", { class: "error", role: "alert" }, describe(error));
        if (place === main) main.replaceChildren(message);
        else place.replaceChildren(message);
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

/** Shows who the token acts as (`GET caller`). A user's own token acts only as that user: the "User" field shows the name
 * and cannot change it. The owner's token (the server's) may record changes as another user, named in that field. */
async function showCaller() {
    const current = token();
    if (identifiedToken === current) return;
    const user = document.getElementById("user");
    // Asked without X-Obslab-User: a name kept from another token would make a user's token refused.
    const response = await fetch(`/v2/${PROJECT}/caller`, { headers: { "X-Auth-Token": current } });
    if (!response.ok) return; // the view's own calls report it
    const caller = await response.json();
    identifiedToken = current;
    user.dataset.caller = caller.is_owner ? "owner" : "user";
    if (caller.is_owner) {
        user.disabled = false;
        user.value = sessionStorage.getItem(USER_KEY) || "";
        user.title = "The owner's token may record changes as another user: name them here";
    } else {
        sessionStorage.removeItem(USER_KEY);
        user.value = caller.user_name;
        user.disabled = true;
        user.title = `This token is ${caller.user_name}'s: changes are recorded as ${caller.user_name}`;
    }
}

/** The view the address names, and what to do once it is on screen. */
function viewOf(params) {
    if (!params.has("dataset")) return [datasetsView, null];
    if (params.get("view") === "labels") return [labelManagementView, null];
    if (params.get("view") === "history") return [historyView, null];
    if (params.has("sample")) return [sampleView, sampleShown];
    return [jobView, renderSelectedLabels];
}

async function render() {
    const ticket = ++renderTicket;
    releaseObjectURLs();
    if (dialog.open) dialog.close();
    if (!token()) return showTokenForm();
    main.dataset.state = "loading";
    try {
        await showCaller();
    } catch (error) {
        if (ticket === renderTicket) return report(error);
    }
    shownHash = location.hash;
    const params = hashParams();
    const [view, shown] = viewOf(params);
    main.dataset.view = view.name;
    try {
        const nodes = await view(params);
        if (ticket !== renderTicket) return;
        const message = flash;
        flash = null;
        main.replaceChildren(...[message, ...nodes].filter(Boolean));
        if (shown) shown();
        main.dataset.state = "ready";
    } catch (error) {
        if (ticket === renderTicket) report(error);
    }
}

function start() {
    const params = hashParams();
    if (params.has("token")) {
        sessionStorage.setItem(TOKEN_KEY, params.get("token"));
        params.delete("token");
        history.replaceState(null, "", location.pathname + location.search + (params.toString() ? "#" + params : ""));
    }
    document.getElementById("forget-token").addEventListener("click", () => {
        sessionStorage.removeItem(TOKEN_KEY);
        identifiedToken = null;
        render();
    });
    const user = document.getElementById("user");
    user.value = sessionStorage.getItem(USER_KEY) || "";
    user.addEventListener("change", () => {
        if (user.value.trim()) sessionStorage.setItem(USER_KEY, user.value.trim());
        else sessionStorage.removeItem(USER_KEY);
    });
    window.addEventListener("hashchange", () => {
        // Leaving a sample with unsaved changes (the browser's Back, a link) asks first, as "Back to Data Labeling Preview" does.
        if (editor && editor.dirty && document.getElementById("sample-page")) {
            const target = location.hash;
            history.replaceState(null, "", shownHash || "#");
            leaveSample(target);
        } else {
            render();
        }
    });
    window.addEventListener("beforeunload", (event) => {
        if (editor && editor.dirty && document.getElementById("sample-page")) event.preventDefault();
    });
    render();
}

start();
