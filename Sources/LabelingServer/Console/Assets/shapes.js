"use strict";
// Shapes of object detection labels (`@modelarts:shape` and `@modelarts:feature`) drawn as SVG in image pixels.

/** The shape of a sample label, or null for a label without one (image classification). */
function shapeOf(label) {
    const property = label.property || {};
    const name = property["@modelarts:shape"];
    const feature = property["@modelarts:feature"];
    if (!name || !Array.isArray(feature)) return null;
    return { name, feature: feature.map((point) => point.map(Number)) };
}

/** The SVG element of a shape, in the label's color; null for a shape obslab does not know. */
function shapeElement(shape, color, attributes = {}) {
    const common = { class: "shape", stroke: color, fill: color, ...attributes };
    const points = shape.feature.map((point) => point.join(",")).join(" ");
    switch (shape.name) {
    case "bndbox": {
        const [[xmin, ymin], [xmax, ymax]] = shape.feature;
        return svg("rect", { ...common, x: xmin, y: ymin, width: xmax - xmin, height: ymax - ymin });
    }
    case "polygon":
        return svg("polygon", { ...common, points });
    case "line":
    case "polyline":
        return svg("polyline", { ...common, points, fill: "none" });
    case "dashed":
        return svg("polyline", { ...common, points, fill: "none", "stroke-dasharray": "6 4" });
    case "circle": {
        const [[cx, cy], [r]] = shape.feature;
        return svg("circle", { ...common, cx, cy, r });
    }
    case "point": {
        const [[cx, cy]] = shape.feature;
        return svg("circle", { ...common, cx, cy, r: 4, "fill-opacity": 1 });
    }
    default:
        return null;
    }
}

/** The smallest width and height that hold every shape: the drawing's size while the image is not (or cannot be) shown. */
function extentOf(shapes) {
    let width = 1;
    let height = 1;
    for (const shape of shapes) {
        const points = shape.name === "circle" ? [[shape.feature[0][0] + shape.feature[1][0], shape.feature[0][1] + shape.feature[1][0]]]
            : shape.feature;
        for (const [x, y] of points) {
            width = Math.max(width, x);
            height = Math.max(height, y);
        }
    }
    return [width, height];
}

/** An SVG over an image of the given size holding the shapes of the labels. */
function shapesOverlay(labels, colors, width, height) {
    const drawing = svg("svg", { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "xMidYMid meet", class: "shapes" });
    for (const label of labels) {
        const shape = shapeOf(label);
        const element = shape && shapeElement(shape, labelColor(label, colors), { "data-label": label.name, "data-shape": shape.name });
        if (element) drawing.append(element);
    }
    return drawing;
}
